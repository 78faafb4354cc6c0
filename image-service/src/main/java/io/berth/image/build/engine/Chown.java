package io.berth.image.build.engine;

import io.berth.image.build.rootfs.ImageRootfs;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code --chown=user[:group]} as Docker reads it: numbers as they are, names through the image's
 * /etc/passwd and /etc/group; without a group the gid is the uid (Docker's classic rule).
 */
final class Chown {
  private Chown() {}

  /** {uid, gid}. */
  static int[] resolve(String chown, String imageId, ImageRootfs rootfs) throws IOException {
    String[] parts = chown.split(":", -1);
    if (parts.length > 2 || parts[0].isEmpty()) {
      throw new BuildFailure("invalid chown string format: " + chown);
    }
    int uid = id(parts[0], "/etc/passwd", "user", imageId, rootfs);
    int gid = parts.length == 2 ? id(parts[1], "/etc/group", "group", imageId, rootfs) : uid;
    return new int[] {uid, gid};
  }

  private static int id(String name, String file, String kind, String imageId, ImageRootfs rootfs) throws IOException {
    if (name.chars().allMatch(Character::isDigit)) {
      return Integer.parseInt(name);
    }
    Optional<byte[]> content = imageId == null ? Optional.empty() : rootfs.read(imageId, file);
    if (content.isEmpty()) {
      throw new BuildFailure("unable to convert uid/gid chown string to host mapping: can't find uid for " + kind
          + " " + name + ": no such " + kind + ": " + name);
    }
    for (String line : new String(content.get(), StandardCharsets.UTF_8).split("\n")) {
      String[] f = line.split(":", -1);
      if (f.length >= 3 && f[0].equals(name)) {
        try {
          return Integer.parseInt(f[2].trim());
        } catch (NumberFormatException e) {
          break;
        }
      }
    }
    throw new BuildFailure("unable to convert uid/gid chown string to host mapping: can't find uid for " + kind
        + " " + name + ": no such " + kind + ": " + name);
  }

  /** {@code --chmod} as an octal mode. */
  static Integer chmod(String chmod) {
    if (chmod == null || chmod.isEmpty()) {
      return null;
    }
    try {
      int mode = Integer.parseInt(chmod, 8);
      if (mode < 0 || mode > 07777) {
        throw new NumberFormatException();
      }
      return mode;
    } catch (NumberFormatException e) {
      throw new BuildFailure("invalid chmod parameter: " + chmod);
    }
  }
}
