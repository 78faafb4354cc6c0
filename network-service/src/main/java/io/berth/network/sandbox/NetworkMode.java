package io.berth.network.sandbox;

/** {@code HostConfig.NetworkMode} read the way Docker does. */
public record NetworkMode(String kind, String network) {
  public static NetworkMode of(String mode) {
    String m = mode == null ? "" : mode;
    if (m.isEmpty() || m.equals("default") || m.equals("bridge")) {
      return new NetworkMode("bridge", "bridge");
    }
    if (m.equals("none") || m.equals("host")) {
      return new NetworkMode(m, m);
    }
    if (m.startsWith("container:")) {
      return new NetworkMode("container", m.substring("container:".length()));
    }
    return new NetworkMode("bridge", m);
  }
}
