package io.berth.node.exec;

import io.berth.node.rootfs.ScopedPath;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;

/**
 * Finds an exec's program in the container's root as execve would ($PATH unless it has a slash),
 * so a missing command fails like Docker's (exit 126, its message) instead of the runtime's own
 * code and wording.
 */
final class ExecutableLookup {
  private ExecutableLookup() {}

  /** Null when {@code program} can run, else Docker's error message. */
  static String problem(Path rootfs, String program, List<String> env, String cwd) throws IOException {
    if (program.contains("/")) {
      String path = program.startsWith("/") ? program : (cwd == null ? "/" : cwd) + "/" + program;
      return runnable(rootfs, path) ? null : message(program, "no such file or directory");
    }
    String pathVar = env.stream().filter(e -> e.startsWith("PATH=")).reduce((a, b) -> b)
        .map(e -> e.substring(5)).orElse("/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
    for (String dir : pathVar.split(":")) {
      if (!dir.isEmpty() && runnable(rootfs, dir + "/" + program)) {
        return null;
      }
    }
    return message(program, "executable file not found in $PATH");
  }

  private static boolean runnable(Path rootfs, String path) throws IOException {
    Path p = ScopedPath.resolve(rootfs, path);
    return Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS) && Files.isExecutable(p);
  }

  private static String message(String program, String why) {
    return "OCI runtime exec failed: exec failed: unable to start container process: exec: \""
        + program + "\": " + why + ": unknown\n";
  }
}
