package io.berth.node.oci;

import java.io.IOException;
import java.nio.file.Path;

/** runc, used as installed, with its own state root (never /run/runc). */
public final class RuncRuntime extends CliOciRuntime {
  public static final Path DEFAULT_BINARY = Path.of("/usr/bin/runc");

  public RuncRuntime(Path binary, Path stateRoot) throws IOException {
    super("runc", binary, stateRoot);
  }
}
