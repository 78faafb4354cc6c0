package io.berth.node.bundle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.berth.node.mount.OverlayMount;
import io.berth.node.oci.RuntimeSpec;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.snapshot.Trees;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Bundles under {@code <root>/<id>}: creates the writable layer, mounts the overlay root over the
 * layer snapshots and writes config.json; removal unmounts and deletes by rename.
 */
public final class BundleStore {
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final String LOWERS = "lowers";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final Path root;
  private final SpecBuilder specs;

  public BundleStore(Path root, SpecBuilder specs) throws IOException {
    this.root = root;
    this.specs = specs;
    Files.createDirectories(root);
  }

  public Bundle bundle(String containerId) {
    if (!ID.matcher(containerId).matches()) {
      throw new IllegalArgumentException("invalid container id: " + containerId);
    }
    return new Bundle(containerId, root.resolve(containerId));
  }

  /**
   * Creates the bundle: overlay of {@code layers} (snapshot dirs, topmost first) plus a fresh
   * writable layer, and config.json for {@code process}. Undone completely on failure.
   */
  public Bundle create(String containerId, List<Path> layers, SpecBuilder.ContainerProcess process)
      throws IOException {
    return make(containerId, b -> {
      OverlayMount.mount(layers, b.upper(), b.work(), b.rootfs());
      recordLowers(b, layers);
      writeConfig(b, process);
    });
  }

  /**
   * Makes the root of a container that has not started yet, without mounting it or writing
   * config.json: Docker clients copy files into (and out of) a created container, and its first
   * start then runs over exactly this writable layer ({@link #configure}). Undone on failure.
   */
  public Bundle prepare(String containerId, List<Path> layers) throws IOException {
    return make(containerId, b -> recordLowers(b, layers));
  }

  @FunctionalInterface
  private interface Setup {
    void apply(Bundle b) throws IOException;
  }

  // The bundle directory with an empty root, writable layer and overlay work dir, then setup;
  // everything is removed again if any of it fails.
  private Bundle make(String containerId, Setup setup) throws IOException {
    Bundle b = bundle(containerId);
    Files.createDirectory(b.dir()); // fails if the id is taken
    try {
      Files.createDirectory(b.rootfs());
      Files.createDirectory(b.upper());
      Files.createDirectory(b.work());
      setup.apply(b);
      return b;
    } catch (IOException | RuntimeException e) {
      try {
        remove(containerId);
      } catch (IOException suppressed) {
        e.addSuppressed(suppressed);
      }
      throw e;
    }
  }

  /** Whether the bundle has its config.json, i.e. its task was set up at least once. */
  public boolean isConfigured(String containerId) {
    return Files.exists(bundle(containerId).config());
  }

  /** First start of a {@link #prepare}d bundle: mounts its root and writes config.json. */
  public Bundle configure(String containerId, List<Path> layers, SpecBuilder.ContainerProcess process) throws IOException {
    Bundle b = bundle(containerId);
    remount(containerId, layers);
    try {
      writeConfig(b, process);
    } catch (IOException | RuntimeException e) {
      release(containerId);
      throw e;
    }
    return b;
  }

  private void writeConfig(Bundle b, SpecBuilder.ContainerProcess process) throws IOException {
    RuntimeSpec spec = specs.build(b.containerId(), b.rootfs(), process);
    Path tmp = b.dir().resolve("config.json.tmp");
    JSON.writeValue(tmp.toFile(), spec);
    Files.move(tmp, b.config(), StandardCopyOption.ATOMIC_MOVE);
  }

  /**
   * Mounts the overlay root of an existing bundle again (a container started after it stopped):
   * its writable layer, and so everything the container changed, is kept.
   */
  public void remount(String containerId, List<Path> layers) throws IOException {
    Bundle b = bundle(containerId);
    if (!OverlayMount.isMounted(b.rootfs())) {
      OverlayMount.mount(layers, b.upper(), b.work(), b.rootfs());
    }
    recordLowers(b, layers);
  }

  /**
   * The layer snapshots (topmost first) the bundle's root was last mounted over, so a stopped
   * container's root can be mounted again for docker cp/diff/export; empty if never recorded.
   */
  public List<Path> lowers(String containerId) throws IOException {
    Path file = bundle(containerId).dir().resolve(LOWERS);
    if (!Files.exists(file)) {
      return List.of();
    }
    return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).map(Path::of).toList();
  }

  private static void recordLowers(Bundle b, List<Path> layers) throws IOException {
    Path tmp = b.dir().resolve(LOWERS + ".tmp");
    Files.write(tmp, layers.stream().map(Path::toString).toList());
    Files.move(tmp, b.dir().resolve(LOWERS), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** Unmounts a stopped container's root; its writable layer stays for the next start. */
  public void release(String containerId) throws IOException {
    OverlayMount.unmount(bundle(containerId).rootfs());
  }

  /** The ids of every bundle on disk (left-overs of an interrupted removal excluded). */
  public List<String> ids() throws IOException {
    try (java.util.stream.Stream<Path> dirs = Files.list(root)) {
      return dirs.map(d -> d.getFileName().toString()).filter(n -> ID.matcher(n).matches()).sorted().toList();
    }
  }

  /** Unmounts the root and deletes the bundle with its writable layer; absent is fine. */
  public void remove(String containerId) throws IOException {
    Bundle b = bundle(containerId);
    if (!Files.exists(b.dir())) {
      return;
    }
    OverlayMount.unmount(b.rootfs());
    if (OverlayMount.isMounted(b.rootfs())) {
      throw new IOException("rootfs of " + containerId + " is still mounted");
    }
    Path doomed = root.resolve(".rm-" + containerId + "-" + UUID.randomUUID());
    Files.move(b.dir(), doomed, StandardCopyOption.ATOMIC_MOVE);
    Trees.deleteRecursively(doomed);
  }
}
