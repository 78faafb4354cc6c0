package io.berth.node.net;

import java.nio.file.Path;

/**
 * What a container's runtime spec needs from its network wiring.
 *
 * @param netnsPath the network namespace to join; null = the runtime makes a fresh one (loopback only)
 * @param hostNetwork share the node's namespace (no network namespace in the spec)
 * @param filesDir holds the generated {@code hosts}, {@code hostname} and {@code resolv.conf}; null = none
 */
public record Sandbox(String netnsPath, boolean hostNetwork, Path filesDir) {
  /** No wiring requested: the spec stays as built. */
  public static final Sandbox UNCHANGED = new Sandbox(null, false, null);
}
