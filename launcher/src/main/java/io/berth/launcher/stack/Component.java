package io.berth.launcher.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * One part of the stack: PostgreSQL, the Kafka broker or a service JVM, with its port and how to
 * tell it is ready.
 *
 * @param module the Maven module directory of a service (empty for infrastructure)
 * @param healthUrl readiness URL of a service (empty for infrastructure)
 */
public record Component(String name, Kind kind, int port, Optional<String> module, Optional<String> healthUrl) {

  /** What kind of process a component is, which decides how it is started and checked. */
  public enum Kind {
    POSTGRES,
    KAFKA,
    SERVICE
  }

  static Component service(String name, int port) {
    return new Component(name, Kind.SERVICE, port, Optional.of(name), Optional.of("http://127.0.0.1:" + port + "/q/health/ready"));
  }

  public boolean isService() {
    return kind == Kind.SERVICE;
  }

  /** quarkus-run.jar of a service module. */
  public Path serviceJar(Path repoRoot) {
    return repoRoot.resolve(module.orElseThrow()).resolve("target/quarkus-app/quarkus-run.jar");
  }

  /** The ports a component listens on (the broker has a controller port too). */
  public List<Integer> ports() {
    return kind == Kind.KAFKA ? List.of(port, LauncherConfig.KAFKA_CONTROLLER_PORT) : List.of(port);
  }
}
