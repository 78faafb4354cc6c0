package io.berth.container.api;

/**
 * {@code GET /internal/containers/{idOrName}}: where a container lives, for the gateway to proxy
 * byte streams (logs, attach, exec) to its node.
 *
 * @param nodeAddress base URL of the node's HTTP API; null if not scheduled or node unknown
 * @param state Docker's state name
 * @param imageRegistry base URL of the registry holding the container's image (image-service)
 * @param repository the image's repository there
 * @param imageDigest the image's manifest digest: a node makes a never-started container's root
 *     from it for docker cp, export and diff
 */
public record InternalContainerResponse(
    String id, String name, String nodeId, String nodeAddress, String state,
    String imageRegistry, String repository, String imageDigest) {}
