package io.berth.node.rootfs;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker commit}: a container's writable layer as an OCI image layer. overlayfs marks a
 * deletion with a 0:0 character device and a replaced directory with the opaque xattr; an image
 * layer says the same with an empty {@code .wh.<name>} file and a {@code .wh..wh..opq} file
 * (image-spec layer.md, "Whiteouts").
 */
public final class LayerArchiver {
  static final String WHITEOUT_PREFIX = ".wh.";
  static final String OPAQUE_MARKER = ".wh..wh..opq";
  /** Mount points the runtime creates for the generated files; Docker keeps them out of commits too. */
  private static final Set<String> RUNTIME_FILES = Set.of("etc/hosts", "etc/hostname", "etc/resolv.conf");

  private LayerArchiver() {}

  /** Writes the layer tar of the writable layer {@code upper} (absent: an empty layer). */
  public static void write(Path upper, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = TreeArchiver.tarStream(out);
    if (!Files.isDirectory(upper)) {
      tar.finish(); // never started: nothing changed, an empty layer
      tar.flush();
      return;
    }
    Map<Object, String> inodes = new HashMap<>();
    Files.walkFileTree(upper, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
        if (dir.equals(upper)) {
          return FileVisitResult.CONTINUE;
        }
        String name = upper.relativize(dir).toString();
        TreeArchiver.add(tar, dir, name + "/", inodes);
        if (RootfsChanges.opaque(dir)) {
          marker(tar, name + "/" + OPAQUE_MARKER);
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        String name = upper.relativize(file).toString();
        if (RootfsChanges.isWhiteout(file)) {
          Path parent = Path.of(name).getParent();
          String marker = WHITEOUT_PREFIX + file.getFileName();
          marker(tar, parent == null ? marker : parent + "/" + marker);
        } else if (!(RUNTIME_FILES.contains(name) && attrs.size() == 0)) {
          TreeArchiver.add(tar, file, name, inodes);
        }
        return FileVisitResult.CONTINUE;
      }
    });
    tar.finish();
    tar.flush();
  }

  private static void marker(TarArchiveOutputStream tar, String name) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(0);
    e.setMode(0644);
    tar.putArchiveEntry(e);
    tar.closeArchiveEntry();
  }
}
