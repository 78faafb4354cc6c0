package io.berth.container.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class NetworkSettingsViewTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String STARTED = "{\"IPAddress\":\"172.17.0.2\",\"Ports\":{},\"Networks\":{\"bridge\":{\"IPAddress\":\"172.17.0.2\"}}}";

  @Test
  void aConnectedNetworkIsAddedBesideTheOthersAndRemovedOnDisconnect() throws Exception {
    JsonNode entry = JSON.readTree("{\"IPAddress\":\"10.9.0.3\",\"Aliases\":[\"cli\"]}");
    String connected = NetworkSettingsView.withNetwork(STARTED, "conn", entry);
    JsonNode shown = NetworkSettingsView.inspect(connected, true, "default");
    assertEquals("172.17.0.2", shown.path("Networks").path("bridge").path("IPAddress").asText());
    assertEquals("10.9.0.3", shown.path("Networks").path("conn").path("IPAddress").asText());
    assertEquals("172.17.0.2", shown.path("IPAddress").asText(), "the legacy fields stay the default bridge's");

    String disconnected = NetworkSettingsView.withNetwork(connected, "conn", null);
    JsonNode after = NetworkSettingsView.inspect(disconnected, true, "default");
    assertFalse(after.path("Networks").has("conn"));
    assertTrue(after.path("Networks").has("bridge"));
  }

  @Test
  void aContainerNeverStartedHasNothingToUpdate() {
    assertNull(NetworkSettingsView.withNetwork(null, "conn", JSON.createObjectNode()));
  }
}
