package io.berth.node.agent;

import io.berth.events.Sources;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Path;

/** The resolved identity of this node: id, CloudEvents source, address and state directory. */
@ApplicationScoped
public class NodeIdentity {
  private final String id;
  private final String address;
  private final Path stateDir;

  public NodeIdentity(NodeConfig config) {
    this.id = config.node().id();
    this.address = config.node().address();
    this.stateDir = Path.of(config.home()).resolve("node");
  }

  public String id() {
    return id;
  }

  public String source() {
    return Sources.node(id);
  }

  public String address() {
    return address;
  }

  /** {@code $BERTH_HOME/node}: everything this worker keeps on disk. */
  public Path stateDir() {
    return stateDir;
  }
}
