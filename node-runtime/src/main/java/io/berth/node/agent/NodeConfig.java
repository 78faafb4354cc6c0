package io.berth.node.agent;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** This worker's identity and where it keeps its state. */
@ConfigMapping(prefix = "berth")
public interface NodeConfig {

  /** $BERTH_HOME: the node keeps its content, snapshots, bundles and logs under {@code node/}. */
  String home();

  Node node();

  /** The node part of the configuration. */
  interface Node {
    /** Stable node id (BERTH_NODE_ID); also names this node's consumer group, so it must be unique. */
    String id();

    /** Base URL other services use to reach this node's HTTP API (logs, attach). */
    @WithDefault("http://127.0.0.1:8084")
    String address();

    /** Seconds between two heartbeats. */
    @WithName("heartbeat-seconds")
    @WithDefault("2")
    int heartbeatSeconds();
  }
}
