package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.container.v1.ContainerResources;
import org.junit.jupiter.api.Test;

/** The file handed to runc/crun update: limits computed as at create, never device rules. */
class ResourceUpdatesTest {
  @Test
  void memoryCpusAndPidsWithDockersDefaultsAndNoDevices() throws Exception {
    JsonNode json = new ObjectMapper().readTree(ResourceUpdates.json(
        new ContainerResources(64L << 20, null, null, 500_000_000L, 512L, null, null, null, 20L, null, null)));
    assertEquals(64L << 20, json.at("/memory/limit").asLong());
    assertEquals(128L << 20, json.at("/memory/swap").asLong(), "Docker's default: as much swap as memory");
    assertEquals(50_000, json.at("/cpu/quota").asLong());
    assertEquals(100_000, json.at("/cpu/period").asLong());
    assertEquals(512, json.at("/cpu/shares").asLong());
    assertEquals(20, json.at("/pids/limit").asLong());
    assertFalse(json.has("devices"), "an update must not touch the device rules");
  }
}
