package io.berth.gateway.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.EventData;
import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerRenamed;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.image.v1.ImageImported;
import io.berth.events.image.v1.ImagePulled;
import io.berth.events.image.v1.ImagePushed;
import io.berth.events.image.v1.ImageDeleted;
import io.berth.events.image.v1.ImageTagged;
import io.berth.events.image.v1.ImageUntagged;
import io.berth.events.task.v1.TaskStarted;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DockerEventMapperTest {

  static final String ID = "0c8ef5a062b77fafef2c123cf3a526d7577702949b79b9fb4fa414823de751c6";
  static final Instant AT = Instant.parse("2026-11-28T04:14:39.606007Z");

  final DockerEventMapper mapper = new DockerEventMapper();

  static CloudEvent<?> at(EventData data) {
    CloudEvent<?> e = Envelope.of("/container-service", data);
    return new CloudEvent<>(e.id(), e.source(), e.type(), e.subject(), AT, e.datacontenttype(), e.dataschema(), data);
  }

  String json(EventData data) {
    return mapper.map(at(data), AT).orElseThrow().toJson().encode();
  }

  @Test
  void dieIsDockersJsonLineFieldForField() {
    mapper.map(at(new ContainerCreated(ID, "gracious_zhukovsky", "rt-busybox:latest", "sha256:x", Map.of(), AT)), AT);
    // The transcript's die line (c13), with our microsecond time.
    assertEquals(
        "{\"status\":\"die\",\"id\":\"" + ID + "\",\"from\":\"rt-busybox:latest\",\"Type\":\"container\","
            + "\"Action\":\"die\",\"Actor\":{\"ID\":\"" + ID + "\",\"Attributes\":{\"exitCode\":\"137\","
            + "\"image\":\"rt-busybox:latest\",\"name\":\"gracious_zhukovsky\"}},\"scope\":\"local\","
            + "\"time\":1795839279,\"timeNano\":1795839279606007000}",
        json(new ContainerDied(ID, "gracious_zhukovsky", "rt-busybox:latest", 137, false, AT)));
  }

  @Test
  void eachContainerFactHasItsAction() {
    assertEquals("create", action(new ContainerCreated(ID, "n", "img", "d", Map.of("a", "1"), AT)));
    assertEquals("start", action(new ContainerStarted(ID, "n", "img", "node", 1, AT)));
    assertEquals("die", action(new ContainerDied(ID, "n", "img", 0, false, AT)));
    assertEquals("rename", action(new ContainerRenamed(ID, "old", "n", "img", AT)));
    assertEquals("destroy", action(new ContainerRemoved(ID, "n", AT)));
    assertEquals("pause", action(new io.berth.events.container.v1.ContainerPaused(ID, "n", "img", AT)));
    assertEquals("unpause", action(new io.berth.events.container.v1.ContainerUnpaused(ID, "n", "img", AT)));
  }

  @Test
  void labelsAndImageFromCreateAppearOnLaterEvents() {
    mapper.map(at(new ContainerCreated(ID, "web", "busybox", "d", Map.of("tier", "front"), AT)), AT);
    DockerEvent destroy = mapper.map(at(new ContainerRemoved(ID, "web", AT)), AT).orElseThrow();
    assertEquals(Map.of("image", "busybox", "name", "web", "tier", "front"), destroy.attributes());
    assertEquals("busybox", destroy.toJson().getString("from"));
  }

  @Test
  void renameCarriesTheOldNameWithItsSlash() {
    DockerEvent e = mapper.map(at(new ContainerRenamed(ID, "old", "new", "img", AT)), AT).orElseThrow();
    assertEquals("/old", e.attributes().get("oldName"));
    assertEquals("new", e.attributes().get("name"));
  }

  @Test
  void imageImportIsAnImageEventWithoutFrom() {
    JsonObject j = new JsonObject(json(new ImageImported("sha256:abc", List.of("imp:latest"), "sha256:m", 5, AT)));
    assertEquals("image", j.getString("Type"));
    assertEquals("import", j.getString("Action"));
    assertEquals("import", j.getString("status"));
    assertEquals("sha256:abc", j.getString("id"));
    assertTrue(!j.containsKey("from"));
    assertEquals("imp:latest", j.getJsonObject("Actor").getJsonObject("Attributes").getString("name"));
  }

  @Test
  void registryPushIsAnImagePushEventNamedByTheReference() {
    JsonObject tagged = new JsonObject(json(new ImagePushed("team/app", "1.0", "sha256:m", null, null, AT)));
    assertEquals("image", tagged.getString("Type"));
    assertEquals("push", tagged.getString("Action"));
    assertEquals("team/app:1.0", tagged.getString("id"));
    assertEquals("team/app:1.0", tagged.getJsonObject("Actor").getJsonObject("Attributes").getString("name"));
    JsonObject byDigest = new JsonObject(json(new ImagePushed("team/app", null, "sha256:m", null, "sha256:s", AT)));
    assertEquals("team/app@sha256:m", byDigest.getString("id"));
  }

  @Test
  void pullAndTagAreImageEvents() {
    JsonObject pull = new JsonObject(json(new ImagePulled("sha256:abc", "reg:5000/app:1", List.of("reg:5000/app:1"), "sha256:m", 9, AT)));
    assertEquals("pull", pull.getString("Action"));
    assertEquals("reg:5000/app:1", pull.getString("id"));
    JsonObject tag = new JsonObject(json(new ImageTagged("sha256:abc", "other:2", null, AT)));
    assertEquals("tag", tag.getString("Action"));
    assertEquals("sha256:abc", tag.getString("id"));
    assertEquals("other:2", tag.getJsonObject("Actor").getJsonObject("Attributes").getString("name"));
    JsonObject untag = new JsonObject(json(new ImageUntagged("sha256:abc", "other:2", AT)));
    assertEquals("untag", untag.getString("Action"));
    assertEquals("other:2", untag.getJsonObject("Actor").getJsonObject("Attributes").getString("name"));
    JsonObject delete = new JsonObject(json(new ImageDeleted("sha256:abc", "sha256:m", AT)));
    assertEquals("delete", delete.getString("Action"));
    assertEquals("sha256:abc", delete.getString("id"));
  }

  @Test
  void networkConnectIsDockersJsonLine() {
    String net = "e8ffbe34773ffeaa782bd936e9d11a57da0dcff7a5cbae9b7d97a06fe1b7e1d7";
    // The transcript's connect line (c11), with our microsecond time: no status/id/from fields.
    assertEquals(
        "{\"Type\":\"network\",\"Action\":\"connect\",\"Actor\":{\"ID\":\"" + net + "\",\"Attributes\":{"
            + "\"container\":\"" + ID + "\",\"name\":\"bridge\",\"type\":\"bridge\"}},\"scope\":\"local\","
            + "\"time\":1795839279,\"timeNano\":1795839279606007000}",
        json(new io.berth.events.network.v1.EndpointConnected(net, "bridge", "bridge", ID, "5e".repeat(32), "172.17.0.2", AT)));
    assertEquals("disconnect", action(new io.berth.events.network.v1.EndpointDisconnected(net, "bridge", "bridge", ID,
        "5e".repeat(32), "172.17.0.2", AT)));
    assertEquals("create", action(new io.berth.events.network.v1.NetworkCreated(net, "app", "bridge", "172.18.0.0/16", AT)));
    assertEquals("destroy", action(new io.berth.events.network.v1.NetworkRemoved(net, "app", "bridge", AT)));
  }

  @Test
  void factsDockerHasNoEventForAreSkipped() {
    assertTrue(mapper.map(at(new TaskStarted(ID, "node", 1, AT)), AT).isEmpty());
    assertTrue(mapper.map(at(new io.berth.events.task.v1.TaskPaused(ID, "node", AT)), AT).isEmpty());
  }

  private String action(EventData data) {
    return mapper.map(at(data), AT).orElseThrow().action();
  }
}
