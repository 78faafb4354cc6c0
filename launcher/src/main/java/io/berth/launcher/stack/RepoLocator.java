package io.berth.launcher.stack;

import io.berth.launcher.Berth;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds the repository root from the launcher jar's own location (launcher/target/x.jar). */
public final class RepoLocator {
  private RepoLocator() {}

  public static Path repoRoot() {
    String explicit = System.getProperty("berth.repo");
    if (explicit != null) {
      return Path.of(explicit).toAbsolutePath().normalize();
    }
    return findFrom(ownLocation());
  }

  /** Walks up from {@code start} to the directory holding both pom.xml and launcher/. */
  static Path findFrom(Path start) {
    for (Path d = start; d != null; d = d.getParent()) {
      if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("launcher")) && Files.isDirectory(d.resolve("kafka-dist"))) {
        return d;
      }
    }
    throw new IllegalStateException("cannot find the Berth repository above " + start);
  }

  /** The launcher jar (or classes directory) this class was loaded from. */
  public static Path ownLocation() {
    try {
      return Path.of(Berth.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toAbsolutePath();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
