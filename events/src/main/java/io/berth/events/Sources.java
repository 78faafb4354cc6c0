package io.berth.events;

/** Builds CloudEvents {@code source} values, so every producer spells them the same way. */
public final class Sources {
  private Sources() {}

  /** {@code /<serviceName>}, e.g. {@code /container-service}. */
  public static String service(String serviceName) {
    return "/" + serviceName;
  }

  /** {@code /nodes/<nodeId>}: a node-runtime worker. */
  public static String node(String nodeId) {
    return "/nodes/" + nodeId;
  }
}
