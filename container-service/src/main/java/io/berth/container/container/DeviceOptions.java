package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.events.container.v1.ContainerDevice;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code --device} and {@code --device-cgroup-rule} from a create request's HostConfig, checked as
 * far as container-service can: the device itself is looked up on the node when it starts.
 */
final class DeviceOptions {
  private static final Pattern PERMISSIONS = Pattern.compile("[rwm]{1,3}");
  // Docker's rule syntax: type, major:minor (either may be *), access.
  private static final Pattern CGROUP_RULE = Pattern.compile("[acb] ([0-9]+|\\*):([0-9]+|\\*) [rwm]{1,3}");

  private DeviceOptions() {}

  /** HostConfig.Devices: [{"PathOnHost","PathInContainer","CgroupPermissions"}], as the CLI sends them. */
  static List<ContainerDevice> devices(JsonNode list) {
    List<ContainerDevice> out = new ArrayList<>();
    for (JsonNode d : list) {
      String host = d.path("PathOnHost").asText("");
      String ctr = d.path("PathInContainer").asText("");
      String perms = d.path("CgroupPermissions").asText("");
      if (ctr.isEmpty()) {
        ctr = host;
      }
      if (perms.isEmpty()) {
        perms = "rwm";
      }
      if (!host.startsWith("/")) {
        throw new InvalidArgumentException("invalid device path on host: \"" + host + "\": must be absolute");
      }
      if (!ctr.startsWith("/")) {
        throw new InvalidArgumentException("invalid device path in container: \"" + ctr + "\": must be absolute");
      }
      if (!PERMISSIONS.matcher(perms).matches() || perms.chars().distinct().count() != perms.length()) {
        throw new InvalidArgumentException("invalid device mode: " + perms);
      }
      out.add(new ContainerDevice(host, ctr, perms));
    }
    return out;
  }

  /** HostConfig.DeviceCgroupRules: "c 1:3 rwm", "b *:* m", "a *:* rwm". */
  static List<String> cgroupRules(JsonNode list) {
    List<String> out = new ArrayList<>();
    for (JsonNode r : list) {
      String rule = r.asText("").strip();
      if (!CGROUP_RULE.matcher(rule).matches()) {
        throw new InvalidArgumentException("invalid device cgroup format '" + r.asText("") + "'");
      }
      out.add(rule);
    }
    return out;
  }
}
