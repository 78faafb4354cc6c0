package io.berth.events.container.v1;

import java.util.Objects;

/**
 * A host device made available in a container ({@code --device /dev/host[:/dev/ctr[:rwm]]}).
 *
 * @param pathOnHost the device node on the node's host, e.g. {@code /dev/null}
 * @param pathInContainer where the node appears in the container's {@code /dev}
 * @param cgroupPermissions what the device cgroup allows: any of {@code r}, {@code w}, {@code m}
 */
public record ContainerDevice(String pathOnHost, String pathInContainer, String cgroupPermissions) {
  public ContainerDevice {
    Objects.requireNonNull(pathOnHost, "pathOnHost");
    Objects.requireNonNull(pathInContainer, "pathInContainer");
    Objects.requireNonNull(cgroupPermissions, "cgroupPermissions");
  }
}
