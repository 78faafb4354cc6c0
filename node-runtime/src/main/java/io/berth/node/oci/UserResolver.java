package io.berth.node.oci;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves a Docker {@code --user} value ("uid[:gid]" or "name[:group]", empty = root) against the
 * image's /etc/passwd and /etc/group, as runc's GetExecUser does.
 */
public final class UserResolver {

  /** The resolved identity; {@code home} comes from passwd ("/" when unknown). */
  public record ResolvedUser(int uid, int gid, List<Integer> additionalGids, String home) {}

  /** A user or group name that the image does not define. */
  public static final class UnknownUserException extends IllegalArgumentException {
    UnknownUserException(String message) {
      super(message);
    }
  }

  private record PasswdEntry(String name, int uid, int gid, String home) {}

  private record GroupEntry(String name, int gid, List<String> members) {}

  public ResolvedUser resolve(Path rootfs, String user) throws IOException {
    String spec = user == null ? "" : user.trim();
    String userPart = spec;
    String groupPart = null;
    int colon = spec.indexOf(':');
    if (colon >= 0) {
      userPart = spec.substring(0, colon);
      groupPart = spec.substring(colon + 1);
    }
    List<PasswdEntry> passwd = readPasswd(rootfs);
    PasswdEntry entry = null;
    int uid;
    if (userPart.isEmpty()) {
      uid = 0;
      entry = passwd.stream().filter(p -> p.uid() == 0).findFirst().orElse(null);
    } else if (isNumeric(userPart)) {
      uid = Integer.parseInt(userPart);
      entry = passwd.stream().filter(p -> p.uid() == uid).findFirst().orElse(null);
    } else {
      String name = userPart;
      entry = passwd.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
      if (entry == null) {
        throw new UnknownUserException(
            "unable to find user " + name + ": no matching entries in passwd file");
      }
      uid = entry.uid();
    }
    List<GroupEntry> groups = readGroups(rootfs);
    int gid = entry == null ? 0 : entry.gid();
    if (groupPart != null && !groupPart.isEmpty()) {
      if (isNumeric(groupPart)) {
        gid = Integer.parseInt(groupPart);
      } else {
        String name = groupPart;
        gid =
            groups.stream()
                .filter(g -> g.name().equals(name))
                .findFirst()
                .orElseThrow(
                    () ->
                        new UnknownUserException(
                            "unable to find group " + name + ": no matching entries in group file"))
                .gid();
      }
    }
    List<Integer> additional = new ArrayList<>();
    if (entry != null) {
      for (GroupEntry g : groups) {
        if (g.members().contains(entry.name()) && g.gid() != gid && !additional.contains(g.gid())) {
          additional.add(g.gid());
        }
      }
    }
    return new ResolvedUser(uid, gid, List.copyOf(additional), entry == null ? "/" : entry.home());
  }

  private static List<PasswdEntry> readPasswd(Path rootfs) throws IOException {
    List<PasswdEntry> out = new ArrayList<>();
    for (String[] f : readColonFile(rootfs, "passwd")) {
      if (f.length >= 4 && isNumeric(f[2]) && isNumeric(f[3])) {
        String home = f.length >= 6 && !f[5].isEmpty() ? f[5] : "/";
        out.add(new PasswdEntry(f[0], Integer.parseInt(f[2]), Integer.parseInt(f[3]), home));
      }
    }
    return out;
  }

  private static List<GroupEntry> readGroups(Path rootfs) throws IOException {
    List<GroupEntry> out = new ArrayList<>();
    for (String[] f : readColonFile(rootfs, "group")) {
      if (f.length >= 3 && isNumeric(f[2])) {
        List<String> members = f.length >= 4 && !f[3].isEmpty() ? List.of(f[3].split(",")) : List.of();
        out.add(new GroupEntry(f[0], Integer.parseInt(f[2]), members));
      }
    }
    return out;
  }

  /** Reads etc/<name> of the image; absent is empty, a symlink is refused (it could leave rootfs). */
  private static List<String[]> readColonFile(Path rootfs, String name) throws IOException {
    Path etc = rootfs.resolve("etc");
    Path file = etc.resolve(name);
    if (Files.isSymbolicLink(etc) || Files.isSymbolicLink(file)) {
      throw new IOException("/etc/" + name + " of the image is a symlink; not supported");
    }
    if (!Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && !line.startsWith("#")) {
        rows.add(line.split(":", -1));
      }
    }
    return rows;
  }

  private static boolean isNumeric(String s) {
    return !s.isEmpty() && s.length() < 11 && s.chars().allMatch(Character::isDigit);
  }
}
