package io.berth.image.registry;

import java.util.List;

/** Manifest content negotiation: does the client's {@code Accept} allow a media type? */
final class AcceptedTypes {
  private AcceptedTypes() {}

  /** True when there is no Accept header, or one of its entries matches (parameters ignored). */
  static boolean allows(List<String> accept, String mediaType) {
    if (accept == null || accept.isEmpty()) {
      return true;
    }
    boolean any = false;
    for (String header : accept) {
      for (String entry : header.split(",")) {
        String type = entry.split(";", 2)[0].trim();
        if (type.isEmpty()) {
          continue;
        }
        any = true;
        if (type.equals("*/*") || type.equalsIgnoreCase(mediaType)
            || (type.endsWith("/*") && mediaType.startsWith(type.substring(0, type.length() - 1)))) {
          return true;
        }
      }
    }
    return !any;
  }
}
