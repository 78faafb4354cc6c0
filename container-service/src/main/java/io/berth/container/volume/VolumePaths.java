package io.berth.container.volume;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Where a node keeps a volume's data: {@code $BERTH_HOME/node/volumes/<name>/_data}, laid out as
 * Docker's {@code /var/lib/docker/volumes}; shown as a volume's Mountpoint and a mount's Source.
 */
@ApplicationScoped
public class VolumePaths {
  private final Path root;

  public VolumePaths(@ConfigProperty(name = "berth.home") String home) {
    this.root = Path.of(home).resolve("node").resolve("volumes");
  }

  public String mountpoint(String name) {
    return root.resolve(name).resolve("_data").toString();
  }
}
