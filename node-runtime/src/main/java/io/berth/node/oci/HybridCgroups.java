package io.berth.node.oci;

import io.berth.node.linux.Syscalls;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * The hybrid cgroup layout crun accepts: cgroup v1 hierarchies for the controllers, and a cgroup2
 * mount at {@code unified} that lists no controller. On these hosts one controller (hugetlb) has
 * no v1 hierarchy, so the cgroup2 root offers it and crun 1.8 refuses every container.
 *
 * <p>Binding such a controller to a v1 hierarchy of its own, at {@code /sys/fs/cgroup/<name>}, is
 * what systemd does for every controller on a hybrid host; afterwards crun runs directly. The
 * alternative, a private mount namespace per crun call with the cgroup2 mount unmounted, costs
 * three extra processes (unshare, sh, umount) on every runtime verb, about 17 ms each here.
 */
public final class HybridCgroups {
  private static final Logger LOG = Logger.getLogger(HybridCgroups.class);
  public static final Path DEFAULT_ROOT = Path.of("/sys/fs/cgroup");

  private final Path root;

  public HybridCgroups(Path root) {
    this.root = root;
  }

  /** The controllers the cgroup2 mount of a hybrid host offers; empty elsewhere. */
  public List<String> unifiedControllers() {
    Path controllers = root.resolve("unified/cgroup.controllers");
    try {
      if (!Files.exists(controllers)) {
        return List.of();
      }
      String line = Files.readString(controllers).strip();
      return line.isEmpty() ? List.of() : Arrays.asList(line.split("\\s+"));
    } catch (IOException e) {
      return List.of();
    }
  }

  /**
   * Binds every controller the cgroup2 mount still offers to a v1 hierarchy at
   * {@code <root>/<controller>}; returns the ones bound. A controller that cannot be bound (it is
   * in use in the v2 tree) stays, and crun then keeps needing its wrapper.
   */
  public List<String> bindToV1() {
    List<String> bound = new ArrayList<>();
    for (String controller : unifiedControllers()) {
      if (!controller.matches("[a-z_]+")) {
        continue;
      }
      Path target = root.resolve(controller);
      try {
        Files.createDirectories(target);
        Syscalls.mount("cgroup", target, "cgroup", 0, controller);
        bound.add(controller);
        LOG.infof("bound cgroup controller %s to a v1 hierarchy at %s, as on a systemd hybrid host", controller, target);
      } catch (IOException e) {
        LOG.infof("cannot bind cgroup controller %s to v1: %s", controller, e.getMessage());
      }
    }
    return bound;
  }
}
