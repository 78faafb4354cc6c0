package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * container-service's request at start: the container and its stored create request (Docker's
 * Config, HostConfig and NetworkingConfig, as the CLI sent them).
 *
 * @param joinContainerId for {@code --network container:<ref>}: the resolved full id
 */
public record SandboxRequest(
    String containerId, String name, JsonNode config, JsonNode hostConfig, JsonNode networkingConfig,
    String joinContainerId) {}
