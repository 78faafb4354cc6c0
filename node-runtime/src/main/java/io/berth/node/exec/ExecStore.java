package io.berth.node.exec;

import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The execs of this node's containers, by id; forgotten when their container is removed. */
@ApplicationScoped
public class ExecStore {
  private static final SecureRandom RANDOM = new SecureRandom();
  private final Map<String, ExecInstance> execs = new ConcurrentHashMap<>();

  public ExecInstance create(String containerId, ExecConfig config) {
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    ExecInstance exec = new ExecInstance(HexFormat.of().formatHex(id), containerId, config);
    execs.put(exec.id(), exec);
    return exec;
  }

  public Optional<ExecInstance> find(String id) {
    return Optional.ofNullable(execs.get(id));
  }

  /** Drops the execs of a removed container. */
  public void forget(String containerId) {
    execs.values().removeIf(e -> e.containerId().equals(containerId));
  }
}
