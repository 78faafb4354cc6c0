package io.berth.launcher.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComponentsTest {
  @Test
  void infrastructureFirstThenServicesWithDistinctPorts() {
    assertEquals(List.of("postgres", "kafka", "image-service", "container-service", "network-service", "node-runtime", "api-gateway"),
        Components.ALL.stream().map(Component::name).toList());
    List<Integer> ports = Components.ALL.stream().flatMap(c -> c.ports().stream()).toList();
    assertEquals(List.of(55432, 9092, 9093, 5050, 8081, 8082, 8084, 2375), ports);
    assertEquals(ports.size(), new HashSet<>(ports).size());
    assertEquals("http://127.0.0.1:5050/q/health/ready", Components.byName("image-service").orElseThrow().healthUrl().orElseThrow());
  }

  @Test
  void everyServiceIsAModuleOfThisRepository() {
    Path repo = RepoLocator.findFrom(Path.of("").toAbsolutePath());
    for (Component c : Components.SERVICES) {
      assertEquals(true, Files.isRegularFile(repo.resolve(c.module().orElseThrow()).resolve("pom.xml")), c.name());
    }
  }
}
