package io.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.container.v1.ContainerSpec;
import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.RunContainer;
import io.berth.events.container.v1.StopContainer;
import io.berth.events.task.v1.TaskExited;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class EventCodecTest {
  private static final String CONTAINER_ID = "a".repeat(64);
  private static final TaskExited EXITED =
      new TaskExited(CONTAINER_ID, "node-1", 137, "SIGKILL", false, Instant.parse("2025-06-01T12:00:05.201Z"));

  @Test
  void envelopeTakesTypeSchemaAndSubjectFromTheRegistry() {
    CloudEvent<TaskExited> event = Envelope.of(Sources.node("node-1"), EXITED);
    assertEquals("io.berth.task.exited.v1", event.type());
    assertEquals(CONTAINER_ID, event.subject());
    assertEquals("/nodes/node-1", event.source());
    assertEquals("berth:/schemas/task-exited.v1.json", event.dataschema());
    assertEquals("application/json", event.datacontenttype());
    assertEquals(Topics.TASK_EVENTS, event.topic());
    UUID.fromString(event.id());
  }

  @Test
  void headersAndPayloadDecodeBackToTheSameEnvelope() {
    CloudEvent<TaskExited> event = Envelope.of("/node-runtime", EXITED);
    Map<String, String> headers = Envelope.headers(event);
    assertEquals("1.0", headers.get("ce_specversion"));
    assertEquals(event.id(), headers.get("ce_id"));
    assertEquals("/node-runtime", headers.get("ce_source"));
    assertEquals("io.berth.task.exited.v1", headers.get("ce_type"));
    assertEquals(CONTAINER_ID, headers.get("ce_subject"));
    assertEquals(event.time().toString(), headers.get("ce_time"));
    assertEquals("berth:/schemas/task-exited.v1.json", headers.get("ce_dataschema"));
    assertEquals("application/json", headers.get("content-type"));

    CloudEvent<?> decoded = EventCodec.decode(headers, EventCodec.encode(EXITED));
    assertEquals(event, decoded);
    CloudEvent<TaskExited> typed = EventCodec.decode(headers, EventCodec.encode(EXITED), TaskExited.class);
    assertEquals(137, typed.data().exitCode());
  }

  @Test
  void timeWithAnOffsetIsAccepted() {
    Map<String, String> headers = new HashMap<>(Envelope.headers(Envelope.of("/x", EXITED)));
    headers.put(CeHeaders.TIME, "2025-06-01T14:00:00+02:00");
    assertEquals(
        Instant.parse("2025-06-01T12:00:00Z"), EventCodec.decode(headers, EventCodec.encode(EXITED)).time());
  }

  @Test
  void unknownTypeIsRejectedWithItsName() {
    Map<String, String> headers = new HashMap<>(Envelope.headers(Envelope.of("/x", EXITED)));
    headers.put(CeHeaders.TYPE, "io.berth.task.hibernated.v1");
    UnknownEventTypeException e =
        assertThrows(UnknownEventTypeException.class, () -> EventCodec.decode(headers, EventCodec.encode(EXITED)));
    assertEquals("io.berth.task.hibernated.v1", e.type());
  }

  @Test
  void malformedRecordsAreDecodingErrors() {
    Map<String, String> good = Envelope.headers(Envelope.of("/x", EXITED));
    byte[] garbage = "{not json".getBytes(StandardCharsets.UTF_8);
    assertThrows(EventDecodingException.class, () -> EventCodec.decode(good, garbage));
    assertThrows(EventDecodingException.class, () -> EventCodec.decode(good, new byte[0]));
    assertThrows(EventDecodingException.class, () -> EventCodec.decode(Map.of(), EventCodec.encode(EXITED)));
    Map<String, String> noId = new HashMap<>(good);
    noId.remove(CeHeaders.ID);
    assertThrows(EventDecodingException.class, () -> EventCodec.decode(noId, EventCodec.encode(EXITED)));
    // Valid JSON of the wrong shape: a required field missing.
    byte[] noContainer = "{\"nodeId\":\"n\",\"exitCode\":1}".getBytes(StandardCharsets.UTF_8);
    assertThrows(EventDecodingException.class, () -> EventCodec.decode(good, noContainer));
    assertThrows(
        EventDecodingException.class,
        () -> EventCodec.decode(good, EventCodec.encode(EXITED), StopContainer.class));
  }

  @Test
  void unknownFieldsFromANewerProducerAreIgnored() {
    TaskExited read =
        EventCodec.decodeData(Samples.bytes("/forward-compat/task-exited-newer-producer.json"), TaskExited.class);
    assertEquals(1, read.exitCode());
    assertNull(read.signal());
    assertFalse(read.oomKilled());
  }

  @Test
  void commandDefaultsFollowDocker() {
    StopContainer stop = EventCodec.decodeData(
        ("{\"containerId\":\"" + CONTAINER_ID + "\",\"nodeId\":\"n\"}").getBytes(StandardCharsets.UTF_8),
        StopContainer.class);
    assertEquals(10, stop.timeoutSeconds());
    assertEquals("SIGTERM", stop.signal());
    assertEquals("SIGKILL", new KillContainer(CONTAINER_ID, "n", null).signal());
  }

  @Test
  void absentOptionalFieldsAreOmittedAndCollectionsNeverNull() {
    RunContainer run = new RunContainer(CONTAINER_ID, "n", null, null, "sha256:" + "b".repeat(64),
        "http://127.0.0.1:5050", "library/busybox",
        new ContainerSpec(null, List.of("true"), null, null, null, null, null, false, false), null);
    String json = EventCodec.encodeToString(run);
    assertFalse(json.contains("null"), json);
    assertTrue(run.spec().env().isEmpty());
    assertTrue(run.spec().labels().isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> run.spec().cmd().add("x"));
  }

  @org.junit.jupiter.api.Test
  void stdinOnceAndConsoleSizeSurviveTheWire() {
    ContainerSpec spec = new ContainerSpec(null, List.of("cat"), null, null, null, null, null, false, true,
        null, null, null, null, true, List.of(24, 80));
    String json;
    ContainerSpec back;
    try {
      json = EventCodec.mapper().writeValueAsString(spec);
      back = EventCodec.mapper().readValue(json, ContainerSpec.class);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    org.junit.jupiter.api.Assertions.assertTrue(json.contains("\"stdinOnce\":true"), json);
    org.junit.jupiter.api.Assertions.assertTrue(back.stdinOnce());
    org.junit.jupiter.api.Assertions.assertEquals(List.of(24, 80), back.consoleSize());
    String plain;
    try {
      plain = EventCodec.mapper().writeValueAsString(new ContainerSpec(null, List.of("true"), null, null, null, null, null, false, false));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    org.junit.jupiter.api.Assertions.assertFalse(plain.contains("stdinOnce") || plain.contains("consoleSize"), plain);
  }
}
