package io.berth.image.registry;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code Range: bytes=start-[end]} of a blob GET, resolved against the blob's size. */
record ByteRange(long start, long end) {
  private static final Pattern BYTES = Pattern.compile("bytes=(\\d+)-(\\d*)");

  /** Null when there is no range header; throws when it cannot be satisfied (416). */
  static ByteRange parse(String header, long size) {
    if (header == null || header.isBlank()) {
      return null;
    }
    Matcher m = BYTES.matcher(header.trim());
    if (!m.matches()) {
      throw unsatisfiable(header, size);
    }
    long start = Long.parseLong(m.group(1));
    long end = m.group(2).isEmpty() ? size - 1 : Math.min(Long.parseLong(m.group(2)), size - 1);
    if (start >= size || end < start) {
      throw unsatisfiable(header, size);
    }
    return new ByteRange(start, end);
  }

  long length() {
    return end - start + 1;
  }

  String contentRange(long size) {
    return "bytes " + start + "-" + end + "/" + size;
  }

  private static RegistryException unsatisfiable(String header, long size) {
    return new RegistryException(RegistryErrorCode.BLOB_UNKNOWN,
        java.util.Map.of("range", header, "size", size), 416);
  }
}
