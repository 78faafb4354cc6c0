package io.berth.node.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.berth.node.snapshot.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Picks the OCI runtime at start-up: runs a trivial busybox container with each candidate
 * (fastest first) and keeps the first that works.
 */
public final class RuntimeDetector {
  private static final Logger LOG = Logger.getLogger(RuntimeDetector.class);

  /** The choice and, for each rejected candidate, why. */
  public record Detection(OciRuntime runtime, List<String> rejected) {}

  private final Path busybox;
  private final Path probeDir;
  private final SpecBuilder specs;

  /** {@code busybox}: a static busybox binary (Debian's busybox-static at /bin/busybox). */
  public RuntimeDetector(Path busybox, Path probeDir, SpecBuilder specs) {
    this.busybox = busybox;
    this.probeDir = probeDir;
    this.specs = specs;
  }

  /** Tries {@code candidates} in order (put the faster first); fails when none works. */
  public Detection detect(List<OciRuntime> candidates) throws IOException {
    List<String> rejected = new ArrayList<>();
    for (OciRuntime runtime : candidates) {
      String why = probe(runtime);
      if (why == null) {
        LOG.infof(
            "OCI runtime: %s (%s)%s",
            runtime.name(), runtime.version(), rejected.isEmpty() ? "" : "; rejected " + rejected);
        return new Detection(runtime, List.copyOf(rejected));
      }
      LOG.infof("OCI runtime %s does not work here: %s", runtime.name(), why);
      rejected.add(runtime.name() + ": " + why);
    }
    throw new IOException("no working OCI runtime: " + rejected);
  }

  /** Runs {@code busybox true} in a fresh bundle; null when it worked, otherwise the reason. */
  String probe(OciRuntime runtime) throws IOException {
    String id = "berth-probe-" + UUID.randomUUID().toString().substring(0, 8);
    Path bundle = probeDir.resolve(id);
    Path rootfs = bundle.resolve("rootfs");
    Files.createDirectories(rootfs.resolve("bin"));
    try {
      Files.copy(busybox, rootfs.resolve("bin/busybox"), StandardCopyOption.COPY_ATTRIBUTES);
      RuntimeSpec spec =
          specs.build(
              id,
              rootfs,
              new SpecBuilder.ContainerProcess(
                  List.of("/bin/busybox", "true"), List.of(), "/", "0:0", "probe"));
      new ObjectMapper()
          .enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(bundle.resolve("config.json").toFile(), spec);
      runtime.run(id, bundle);
      return null;
    } catch (IOException e) {
      return e.getMessage();
    } finally {
      try {
        runtime.delete(id, true);
      } catch (IOException e) {
        LOG.debugf("probe cleanup: %s", e.getMessage());
      }
      Trees.deleteRecursively(bundle);
    }
  }
}
