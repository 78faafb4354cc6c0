package io.berth.image.build.rootfs;

import io.berth.oci.layer.LayerPathException;
import io.berth.oci.layer.LayerPaths;
import io.berth.oci.layer.LayerStreams;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/** Reads the content of one entry of a layer tar, by position, following its hard links. */
final class LayerFileReader {
  private LayerFileReader() {}

  /** Opens a layer blob again; each call returns a new stream from its start. */
  interface LayerBlob {
    InputStream open() throws IOException;
  }

  /**
   * The bytes of the regular file at {@code ordinal} of {@code layer}; for a hard link, of the
   * earlier entry of the same layer it names (as tar requires).
   */
  static byte[] content(LayerBlob layer, MergedIndex.Source source) throws IOException {
    int ordinal = source.ordinal();
    if (source.kind() == MergedIndex.Kind.HARDLINK) {
      ordinal = linkedFile(layer, ordinal);
    }
    try (InputStream blob = layer.open()) {
      TarArchiveInputStream tar = new TarArchiveInputStream(LayerStreams.uncompressed(blob));
      TarArchiveEntry entry;
      for (int i = 0; (entry = tar.getNextEntry()) != null; i++) {
        if (i == ordinal) {
          return tar.readAllBytes();
        }
      }
    }
    throw new IOException("layer entry " + ordinal + " vanished");
  }

  /** The position of the regular file a hard link at {@code ordinal} ends at. */
  private static int linkedFile(LayerBlob layer, int ordinal) throws IOException {
    Map<String, Integer> last = new HashMap<>();
    Map<Integer, String> links = new HashMap<>();
    String name = null;
    try (InputStream blob = layer.open()) {
      TarArchiveInputStream tar = new TarArchiveInputStream(LayerStreams.uncompressed(blob));
      TarArchiveEntry entry;
      for (int i = 0; i <= ordinal && (entry = tar.getNextEntry()) != null; i++) {
        name = entry.getName();
        if (entry.isLink()) {
          links.put(i, LayerPaths.hardlinkTarget(name, entry.getLinkName()));
        }
        if (i < ordinal) {
          last.put(LayerPaths.normalize(name), i);
        }
      }
    }
    int at = ordinal;
    for (int hops = 0; links.containsKey(at); hops++) {
      Integer target = last.get(links.get(at));
      if (target == null || target >= at || hops > links.size()) {
        throw new LayerPathException(String.valueOf(name), "hard link target \"" + links.get(at) + "\" is missing");
      }
      at = target;
    }
    return at;
  }
}
