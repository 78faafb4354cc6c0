package io.berth.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.launcher.infra.Ports;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PreflightTest {
  @Test
  void aTakenPortIsOneClearLineNamingPortComponentAndFix() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = taken.getLocalPort();
      Component c = new Component("container-service", Component.Kind.SERVICE, port, Optional.of("x"), Optional.empty());
      assertTrue(!Ports.isFree(port));
      List<String> problems = Preflight.portProblems(List.of(c), Ports::isFree);
      assertEquals(1, problems.size(), problems.toString());
      String line = problems.get(0);
      assertTrue(line.startsWith("port " + port + " (container-service) is already in use"), line);
      assertTrue(line.contains("pid " + ProcessHandle.current().pid()), "names the owner: " + line);
      assertTrue(!line.contains("\n"));
    }
  }

  @Test
  void freePortsAreNoProblem() {
    int port = Ports.findFree();
    Component c = new Component("x", Component.Kind.SERVICE, port, Optional.of("x"), Optional.empty());
    assertEquals(List.of(), Preflight.portProblems(List.of(c), Ports::isFree));
  }

  @Test
  void brokerPortsIncludeTheControllerAndSuggestExternalUse() {
    List<String> problems = Preflight.portProblems(List.of(Components.KAFKA), p -> false);
    assertEquals(2, problems.size());
    assertTrue(problems.get(0).contains("port 9092 (kafka)"));
    assertTrue(problems.get(1).contains("port 9093 (kafka)"));
    assertTrue(problems.get(0).endsWith("or set BERTH_KAFKA_BOOTSTRAP=127.0.0.1:9092 to use that broker"));
  }

  @Test
  void javaAndRootChecks() {
    assertTrue(Preflight.javaProblem(17).isEmpty());
    assertTrue(Preflight.javaProblem(11).orElseThrow().contains("needs Java 17 or newer"));
    assertTrue(Preflight.rootProblem(true).isEmpty());
    assertTrue(Preflight.rootProblem(false).orElseThrow().contains("sudo ./berth up"));
  }

  @Test
  void nodeRuntimePackagesAreAlwaysRequiredPostgresOnlyForALocalDatabase() {
    org.junit.jupiter.api.Assertions.assertEquals(
        java.util.List.of("postgresql-15", "runc", "crun", "conmon", "busybox-static", "tini"),
        java.util.List.copyOf(Preflight.requiredPackages(true).keySet()));
    org.junit.jupiter.api.Assertions.assertFalse(Preflight.requiredPackages(false).containsKey("postgresql-15"));
  }
}
