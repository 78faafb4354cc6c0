package io.berth.node.volume;

import io.berth.events.container.v1.ContainerMount;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.snapshot.Trees;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * Local volumes on this node, {@code <root>/<name>/_data} as Docker lays them out, and the host
 * side of every mount: a volume's directory is made on first use and, like Docker, filled with
 * what the image has at the mount point (unless nocopy); a missing bind source directory is
 * created, as {@code docker run -v} does.
 */
public final class VolumeStore implements SpecBuilder.MountSources {
  private static final Logger LOG = Logger.getLogger(VolumeStore.class);
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");

  private final Path root;

  public VolumeStore(Path root) throws IOException {
    this.root = root;
    Files.createDirectories(root);
  }

  /** The data directory of volume {@code name} (it may not exist yet). */
  public Path data(String name) {
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid volume name: \"" + name + "\"");
    }
    return root.resolve(name).resolve("_data");
  }

  @Override
  public Path source(ContainerMount m, Path rootfs) throws IOException {
    if (ContainerMount.BIND.equals(m.type())) {
      Path source = Path.of(m.source());
      if (!source.isAbsolute()) {
        throw new IllegalArgumentException("bind source path must be absolute: " + m.source());
      }
      if (!Files.exists(source)) {
        Files.createDirectories(source);
      }
      return source;
    }
    Path data = data(m.source());
    if (!Files.isDirectory(data)) {
      Files.createDirectories(data.getParent());
      Path fresh = Files.createTempDirectory(data.getParent(), ".new-");
      Files.setPosixFilePermissions(fresh, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
      if (!m.noCopy()) {
        copyUp(rootfs, m.destination(), fresh);
      }
      try {
        Files.move(fresh, data, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      } catch (java.nio.file.FileAlreadyExistsException race) {
        Trees.deleteRecursively(fresh); // another container made it at the same moment
      }
    }
    return data;
  }

  /** Deletes a removed volume's data; an unknown volume is not an error. */
  public void remove(String name) throws IOException {
    Path dir = data(name).getParent();
    if (Files.exists(dir)) {
      Trees.deleteRecursively(dir);
      LOG.infof("deleted volume %s", name);
    }
  }

  // Docker fills a new volume with the image's content at the mount point (owners, modes, links).
  private static void copyUp(Path rootfs, String destination, Path into) throws IOException {
    Path from = io.berth.node.rootfs.ScopedPath.resolve(rootfs, destination);
    if (!Files.isDirectory(from, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Process cp = new ProcessBuilder(List.of("cp", "-a", "--", from + "/.", into + "/"))
        .redirectErrorStream(true).start();
    try {
      String out = new String(cp.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (cp.waitFor() != 0) {
        throw new IOException("cannot copy the image's " + destination + " into the new volume: " + out.strip());
      }
      // The volume's root takes the mode and owner of the image's directory, as in Docker.
      Files.setPosixFilePermissions(into, Files.getPosixFilePermissions(from));
      Files.setAttribute(into, "unix:uid", Files.getAttribute(from, "unix:uid"));
      Files.setAttribute(into, "unix:gid", Files.getAttribute(from, "unix:gid"));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
