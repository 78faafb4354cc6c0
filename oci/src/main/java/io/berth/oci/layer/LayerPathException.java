package io.berth.oci.layer;

import java.io.IOException;

/** A layer tar entry that would write outside the root it is unpacked into. */
public class LayerPathException extends IOException {
  private final String entryName;

  public LayerPathException(String entryName, String reason) {
    super("unsafe layer entry \"" + entryName + "\": " + reason);
    this.entryName = entryName;
  }

  /** The entry name as it appears in the tar. */
  public String entryName() {
    return entryName;
  }
}
