package io.berth.network.sandbox;

import java.util.List;

/**
 * An endpoint a start (or {@code network connect}) asks for on one network.
 *
 * @param ip the requested address ({@code --ip}), or null for the lowest free one
 * @param mac the requested MAC address, or empty for one derived from the address
 */
record Wanted(String networkId, String ip, List<String> aliases, String mac) {}
