package io.berth.network.sandbox;

import io.berth.events.container.v1.ContainerNetwork;
import java.util.Map;

/**
 * The wiring for the node ({@code network}, goes into RunContainer) and Docker's
 * {@code NetworkSettings} for {@code docker inspect} and {@code docker port}.
 */
public record SandboxResponse(ContainerNetwork network, Map<String, Object> settings) {}
