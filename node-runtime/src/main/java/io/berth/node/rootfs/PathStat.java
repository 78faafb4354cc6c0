package io.berth.node.rootfs;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.Map;

/**
 * Docker's {@code ContainerPathStat}, sent base64-encoded in the {@code X-Docker-Container-Path-Stat}
 * header of the archive endpoints. {@code mode} is Go's {@code os.FileMode}: permission bits plus
 * type bits in the high end, which the CLI tests (IsDir, ModeSymlink).
 */
public record PathStat(
    @JsonProperty("name") String name,
    @JsonProperty("size") long size,
    @JsonProperty("mode") long mode,
    @JsonProperty("mtime") String mtime,
    @JsonProperty("linkTarget") String linkTarget) {

  public static final String HEADER = "X-Docker-Container-Path-Stat";
  private static final ObjectMapper JSON = new ObjectMapper();

  // Go os.FileMode type bits.
  static final long MODE_DIR = 1L << 31;
  static final long MODE_SYMLINK = 1L << 27;
  static final long MODE_DEVICE = 1L << 26;
  static final long MODE_NAMED_PIPE = 1L << 25;
  static final long MODE_SOCKET = 1L << 24;
  static final long MODE_SETUID = 1L << 23;
  static final long MODE_SETGID = 1L << 22;
  static final long MODE_CHAR_DEVICE = 1L << 21;
  static final long MODE_STICKY = 1L << 20;

  /**
   * Stats {@code hostPath} without following a symlink; {@code name} is the base name the client
   * asked for and {@code linkTarget} the link's target as a container path (or "").
   */
  public static PathStat of(Path hostPath, String name, String linkTarget) throws IOException {
    Map<String, Object> a = Files.readAttributes(hostPath, "unix:mode,size,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
    int unixMode = (Integer) a.get("mode");
    Instant mtime = ((java.nio.file.attribute.FileTime) a.get("lastModifiedTime")).toInstant();
    return new PathStat(name, (Long) a.get("size"), goMode(unixMode), goTime(mtime), linkTarget);
  }

  /** Go's FileMode for a st_mode. */
  static long goMode(int st) {
    long mode = st & 0777;
    switch (st & 0170000) {
      case 0040000 -> mode |= MODE_DIR;
      case 0120000 -> mode |= MODE_SYMLINK;
      case 0060000 -> mode |= MODE_DEVICE;
      case 0020000 -> mode |= MODE_DEVICE | MODE_CHAR_DEVICE;
      case 0010000 -> mode |= MODE_NAMED_PIPE;
      case 0140000 -> mode |= MODE_SOCKET;
      default -> { }
    }
    if ((st & 04000) != 0) {
      mode |= MODE_SETUID;
    }
    if ((st & 02000) != 0) {
      mode |= MODE_SETGID;
    }
    if ((st & 01000) != 0) {
      mode |= MODE_STICKY;
    }
    return mode;
  }

  public boolean isDirectory() {
    return (mode & MODE_DIR) != 0;
  }

  /** The header value: base64 of the JSON. */
  public String header() {
    try {
      return Base64.getEncoder().encodeToString(JSON.writeValueAsString(this).getBytes(StandardCharsets.UTF_8));
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  // Go marshals time.Time as RFC 3339 with nanoseconds and the zone.
  private static String goTime(Instant t) {
    return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(t.atOffset(ZoneOffset.UTC));
  }
}
