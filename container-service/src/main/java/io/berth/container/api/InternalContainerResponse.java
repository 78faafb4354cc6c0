package io.berth.container.api;

/**
 * {@code GET /internal/containers/{idOrName}}: where a container lives, for the gateway to proxy
 * byte streams (logs, attach, exec) to its node.
 *
 * @param nodeAddress base URL of the node's HTTP API; null if not scheduled or node unknown
 * @param state Docker's state name
 */
public record InternalContainerResponse(
    String id, String name, String nodeId, String nodeAddress, String state) {}
