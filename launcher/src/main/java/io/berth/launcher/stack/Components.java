package io.berth.launcher.stack;

import java.util.List;
import java.util.Optional;

/** The stack, in start order: infrastructure first, then every service. Defined only here. */
public final class Components {
  private Components() {}

  public static final Component POSTGRES =
      new Component("postgres", Component.Kind.POSTGRES, LauncherConfig.POSTGRES_PORT, Optional.empty(), Optional.empty());
  public static final Component KAFKA =
      new Component("kafka", Component.Kind.KAFKA, LauncherConfig.KAFKA_PORT, Optional.empty(), Optional.empty());

  /** Every service, started in parallel once the infrastructure is up. */
  public static final List<Component> SERVICES =
      List.of(
          Component.service("image-service", 5050),
          Component.service("container-service", 8081),
          Component.service("network-service", 8082),
          Component.service("node-runtime", 8084),
          Component.service("api-gateway", 2375));

  /** Every component Berth could run, in start order. */
  public static final List<Component> ALL =
      List.of(POSTGRES, KAFKA, SERVICES.get(0), SERVICES.get(1), SERVICES.get(2), SERVICES.get(3), SERVICES.get(4));

  /** The components this configuration runs itself: no broker / cluster when external ones are set. */
  public static List<Component> managed(LauncherConfig config) {
    return ALL.stream()
        .filter(c -> !(c.kind() == Component.Kind.KAFKA && config.externalKafka().isPresent()))
        .filter(c -> !(c.kind() == Component.Kind.POSTGRES && config.externalDb().isPresent()))
        .toList();
  }

  public static Optional<Component> byName(String name) {
    return ALL.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
