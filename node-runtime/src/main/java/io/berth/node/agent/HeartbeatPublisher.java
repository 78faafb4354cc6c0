package io.berth.node.agent;

import io.berth.events.node.v1.NodeCapacity;
import io.berth.events.node.v1.NodeHeartbeat;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import org.jboss.logging.Logger;

/** Announces this node to container-service: one NodeHeartbeat at start and then periodically. */
@ApplicationScoped
public class HeartbeatPublisher {
  private static final Logger LOG = Logger.getLogger(HeartbeatPublisher.class);

  private final FactPublisher publisher;
  private final NodeIdentity node;
  private final NodeConfig config;
  private final RunRegistry runs;
  private long timer = -1;

  public HeartbeatPublisher(FactPublisher publisher, NodeIdentity node, NodeConfig config, RunRegistry runs) {
    this.publisher = publisher;
    this.node = node;
    this.config = config;
    this.runs = runs;
  }

  void start(@Observes StartupEvent ignored, Vertx vertx) {
    beat();
    timer = vertx.setPeriodic(config.node().heartbeatSeconds() * 1000L, id -> beat());
    LOG.infof("node %s announces itself at %s", node.id(), node.address());
  }

  void stop(@Observes ShutdownEvent ignored, Vertx vertx) {
    if (timer >= 0) {
      vertx.cancelTimer(timer);
    }
  }

  /** The heartbeat this node would send now. */
  public NodeHeartbeat current() {
    return new NodeHeartbeat(node.id(), node.address(), capacity(), runs.runningCount(), Instant.now());
  }

  private void beat() {
    publisher.publish(current())
        .subscribe()
        .with(ok -> {}, failure -> LOG.warnf("heartbeat not sent: %s", failure.getMessage()));
  }

  private static NodeCapacity capacity() {
    long memory = 0;
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      memory = os.getTotalMemorySize();
    }
    return new NodeCapacity(Runtime.getRuntime().availableProcessors(), memory);
  }
}
