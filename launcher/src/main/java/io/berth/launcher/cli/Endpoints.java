package io.berth.launcher.cli;

import io.berth.launcher.stack.Component;
import io.berth.launcher.stack.Components;
import io.berth.launcher.stack.LauncherConfig;
import java.io.PrintStream;

/** The "Berth is ready" message: where everything listens and the DOCKER_HOST to use. */
final class Endpoints {
  private Endpoints() {}

  static void print(PrintStream out, LauncherConfig config, long startMillis) {
    out.printf("Berth is ready (%.1f s):%n", startMillis / 1000.0);
    out.printf("  %-18s unix://%s , tcp://127.0.0.1:2375 (bearer token)%s%n", "Docker API", config.socket(),
        config.tlsConfigured() ? " , tcp://127.0.0.1:2376 (TLS, client certificate)" : "");
    out.printf("  %-18s %s (./berth token create --name NAME --role ROLE)%n", "admin token", config.home().resolve("admin-token"));
    for (Component c : Components.SERVICES) {
      out.printf("  %-18s http://127.0.0.1:%d%n", c.name(), c.port());
    }
    out.printf("  %-18s %s%s%n", "kafka", config.kafkaBootstrap(), config.externalKafka().isPresent() ? " (external)" : "");
    out.printf("  %-18s %s%s%n", "postgres", config.dbUrl(), config.externalDb().isPresent() ? " (external)" : "");
    out.printf("  %-18s %s%n", "logs", config.logs());
    out.println("Use it with:  eval \"$(./berth env)\"   or");
    out.println(config.dockerHostExport());
  }
}
