package io.berth.launcher.stack;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** Builds what {@code up} needs when it is missing (fresh clone): one progress line per module. */
public final class BuildStep {
  private static final Pattern BUILDING = Pattern.compile("\\[INFO\\] Building (Berth.*?) \\S+\\s+\\[(\\d+/\\d+)\\]");

  private BuildStep() {}

  /** What is missing: the broker's jars and every service's quarkus-run.jar. */
  public static List<String> missing(Path repo) {
    List<String> missing = new ArrayList<>();
    Path lib = repo.resolve("kafka-dist/target/lib");
    if (!hasBrokerJar(lib)) {
      missing.add(repo.relativize(lib).toString());
    }
    for (Component c : Components.SERVICES) {
      if (!Files.isRegularFile(c.serviceJar(repo))) {
        missing.add(repo.relativize(c.serviceJar(repo)).toString());
      }
    }
    return missing;
  }

  /** Runs {@code mvn -B install -DskipTests} when something is missing; full log in {@code log}. */
  public static void ensureBuilt(Path repo, Path log) throws IOException {
    List<String> missing = missing(repo);
    if (missing.isEmpty()) {
      return;
    }
    System.out.println("Building Berth (missing " + String.join(", ", missing) + "); full log in " + log);
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder("mvn", "-B", "-Dstyle.color=never", "install", "-DskipTests").directory(repo.toFile()).redirectErrorStream(true).start();
    p.getOutputStream().close();
    Deque<String> tail = new ArrayDeque<>();
    try (BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(Files.newBufferedWriter(log))) {
      String line;
      while ((line = in.readLine()) != null) {
        out.println(line);
        progress(line).ifPresent(System.out::println);
        tail.addLast(line);
        if (tail.size() > 40) {
          tail.removeFirst();
        }
      }
    }
    int code;
    try {
      code = p.waitFor();
    } catch (InterruptedException e) {
      p.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new IOException("build interrupted");
    }
    if (code != 0 || !missing(repo).isEmpty()) {
      tail.forEach(System.out::println);
      throw new IOException("the build failed (exit " + code + "): see " + log);
    }
  }

  /** "  [3/12] Berth :: kafka-dist" for Maven's "Building Berth :: kafka-dist 0.1.0-SNAPSHOT [3/12]". */
  static java.util.Optional<String> progress(String mavenLine) {
    Matcher m = BUILDING.matcher(mavenLine);
    return m.find() ? java.util.Optional.of("  [" + m.group(2) + "] " + m.group(1).strip()) : java.util.Optional.empty();
  }

  private static boolean hasBrokerJar(Path lib) {
    if (!Files.isDirectory(lib)) {
      return false;
    }
    try (Stream<Path> s = Files.list(lib)) {
      return s.anyMatch(p -> p.getFileName().toString().startsWith("kafka_2.13-"));
    } catch (IOException e) {
      return false;
    }
  }
}
