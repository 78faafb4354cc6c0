package io.berth.oci.layer;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashSet;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Scans a whole layer tar (plain or gzip) and throws on the first entry that would escape the
 * root, before anything is written anywhere.
 */
public final class LayerTarValidator {

  /** What a successful scan saw. */
  public record Summary(int entries, long regularBytes) {}

  /**
   * Validates every entry of the tar stream; the stream is read to its end but not closed.
   *
   * @throws LayerPathException on the first unsafe entry
   * @throws IOException when the stream is not a readable tar
   */
  public Summary validate(InputStream layer) throws IOException {
    TarArchiveInputStream tar = new TarArchiveInputStream(LayerStreams.uncompressed(layer));
    Set<String> symlinks = new HashSet<>();
    Set<String> seen = new HashSet<>();
    int entries = 0;
    long bytes = 0;
    TarArchiveEntry entry;
    while ((entry = tar.getNextEntry()) != null) {
      entries++;
      String path = LayerPaths.normalize(entry.getName());
      checkParents(entry.getName(), path, symlinks);
      if (entry.isSymbolicLink()) {
        if (LayerPaths.symlinkEscapes(path, entry.getLinkName())) {
          throw new LayerPathException(
              entry.getName(), "symlink target \"" + entry.getLinkName() + "\" escapes the root");
        }
        symlinks.add(path);
      } else {
        symlinks.remove(path);
      }
      if (entry.isLink()) {
        String target = LayerPaths.hardlinkTarget(entry.getName(), entry.getLinkName());
        checkParents(entry.getName(), target, symlinks);
        if (!seen.contains(target)) {
          throw new LayerPathException(
              entry.getName(), "hard link target \"" + entry.getLinkName() + "\" is not in the layer");
        }
      }
      if (entry.isFile() && !entry.isLink()) {
        bytes += entry.getSize();
      }
      seen.add(path);
    }
    return new Summary(entries, bytes);
  }

  /** Rejects a path whose parent directories pass through a symlink this tar created. */
  private static void checkParents(String name, String path, Set<String> symlinks)
      throws LayerPathException {
    int slash = path.indexOf('/');
    while (slash >= 0) {
      String prefix = path.substring(0, slash);
      if (symlinks.contains(prefix)) {
        throw new LayerPathException(name, "path goes through symlink \"" + prefix + "\"");
      }
      slash = path.indexOf('/', slash + 1);
    }
  }
}
