package io.berth.launcher.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;

/** The launcher's log: timestamped lines to the console and, when set, to launcher.log. */
public final class Log {
  private static volatile Path file;
  private static volatile PrintStream console = System.out;

  private Log() {}

  /** Also append every line to {@code path}; {@code echo} false when stdout already is that file. */
  public static void toFile(Path path, boolean echo) {
    file = path;
    console = echo ? System.out : null;
  }

  public static synchronized void info(String message) {
    String line = LocalTime.now().truncatedTo(ChronoUnit.MILLIS) + " " + message;
    if (console != null) {
      console.println(line);
    }
    Path f = file;
    if (f != null) {
      try {
        Files.createDirectories(f.getParent());
        Files.writeString(f, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException ignored) {
        // the console still has it
      }
    }
  }
}
