package io.berth.image.build.rootfs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** An image's merged filesystem (layers in order, whiteouts honoured). */
public interface ImageRootfs {

  /** Writes the image's merged filesystem into {@code emptyDir} (for COPY --from). */
  void unpack(String imageId, Path emptyDir) throws IOException;

  /** One regular file of the image, e.g. /etc/passwd for --chown names; empty when absent. */
  Optional<byte[]> read(String imageId, String absolutePath) throws IOException;
}
