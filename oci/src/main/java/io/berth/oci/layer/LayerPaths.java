package io.berth.oci.layer;

import java.util.ArrayList;
import java.util.List;

/**
 * Path-safety rules for layer tar entries: names are relative, never climb with {@code ..}, and
 * link targets stay inside the root.
 *
 * <p>Symlink targets are judged as Docker's archive package does: an absolute target is fine
 * (inside a container it resolves against the container's root), a relative target must not climb
 * above the root from the link's directory. Hard links name another entry of the same archive.
 */
public final class LayerPaths {
  private LayerPaths() {}

  /**
   * Returns the entry name as a clean relative path ("a/b", or "" for the root itself) with "./"
   * prefixes, repeated and trailing slashes removed.
   *
   * @throws LayerPathException for absolute names, {@code ..} components and NUL bytes
   */
  public static String normalize(String name) throws LayerPathException {
    if (name == null || name.isEmpty()) {
      throw new LayerPathException(String.valueOf(name), "empty name");
    }
    if (name.indexOf('\0') >= 0) {
      throw new LayerPathException(name, "NUL byte in name");
    }
    if (name.startsWith("/")) {
      throw new LayerPathException(name, "absolute path");
    }
    List<String> parts = components(name);
    for (String part : parts) {
      if (part.equals("..")) {
        throw new LayerPathException(name, "\"..\" component");
      }
    }
    return String.join("/", parts);
  }

  /** Whether a symlink at {@code entryPath} (normalized) pointing at {@code target} escapes. */
  public static boolean symlinkEscapes(String entryPath, String target) {
    if (target.isEmpty() || target.indexOf('\0') >= 0) {
      return true;
    }
    if (target.startsWith("/")) {
      return false;
    }
    List<String> resolved = new ArrayList<>(components(entryPath));
    if (!resolved.isEmpty()) {
      resolved.remove(resolved.size() - 1); // relative to the link's directory
    }
    return climbs(resolved, components(target));
  }

  /**
   * Returns the normalized archive path a hard link points at.
   *
   * @throws LayerPathException when the target is absolute, climbs out, or is the root
   */
  public static String hardlinkTarget(String entryName, String linkName)
      throws LayerPathException {
    if (linkName == null || linkName.isEmpty() || linkName.startsWith("/")) {
      throw new LayerPathException(entryName, "hard link target \"" + linkName + "\" escapes");
    }
    List<String> resolved = new ArrayList<>();
    if (climbs(resolved, components(linkName)) || resolved.isEmpty()) {
      throw new LayerPathException(entryName, "hard link target \"" + linkName + "\" escapes");
    }
    return String.join("/", resolved);
  }

  /** Appends {@code parts} to {@code base}, resolving ".."; true if it climbs above the root. */
  private static boolean climbs(List<String> base, List<String> parts) {
    for (String part : parts) {
      if (part.equals("..")) {
        if (base.isEmpty()) {
          return true;
        }
        base.remove(base.size() - 1);
      } else {
        base.add(part);
      }
    }
    return false;
  }

  /** Path components without empty and "." parts. */
  static List<String> components(String path) {
    List<String> parts = new ArrayList<>();
    for (String part : path.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    return parts;
  }
}
