package io.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The registry is complete: every record is registered and has a schema and a golden sample. */
class EventTypesTest {

  @Test
  void everyRegisteredTypeHasSchemaAndSampleAndFollowsTheNamingRule() throws Exception {
    for (EventType<?> type : EventTypes.ALL) {
      String name = type.dataClass().getSimpleName();
      assertTrue(
          type.type().matches("io\\.berth\\.[a-z]+\\.[a-z]+\\.v[0-9]+"), type.type() + " breaks the rule");
      assertEquals(
          type.type().substring(EventTypes.PREFIX.length(), type.type().lastIndexOf(".v")).replace('.', '-'),
          type.schemaName());
      assertTrue(Topics.ALL.contains(type.topic()), type.topic() + " is not in Topics.ALL");
      try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
        assertNotNull(in, name + " has no schema " + type.schemaResource());
        JsonNode schema = EventCodec.mapper().readTree(in);
        assertEquals(type.dataschema(), schema.path("$id").asText(), name + ": schema $id");
        assertEquals(name, schema.path("title").asText(), name + ": schema title");
      }
      assertFalse(Samples.of(type).isEmpty(), name + " has no golden sample under "
          + type.schemaName() + "/v" + type.version() + "/");
      assertSame(type, EventTypes.forType(type.type()));
      assertSame(type, EventTypes.forClass(type.dataClass()));
    }
  }

  @Test
  void everyEventDataRecordInTheJarIsRegistered() throws Exception {
    // The main classes directory (not test-classes, which shares the package).
    URL classes = EventData.class.getProtectionDomain().getCodeSource().getLocation();
    Path base = Path.of(classes.toURI()).resolve("io/berth/events");
    Set<Class<?>> registered =
        EventTypes.ALL.stream().map(EventType::dataClass).collect(Collectors.toSet());
    List<Class<?>> found;
    try (Stream<Path> files = Files.walk(base)) {
      found =
          files
              .map(p -> base.relativize(p).toString())
              .filter(p -> p.endsWith(".class") && !p.contains("$"))
              .map(p -> "io.berth.events." + p.substring(0, p.length() - 6).replace('/', '.'))
              .map(EventTypesTest::load)
              .filter(c -> EventData.class.isAssignableFrom(c) && c.isRecord())
              .toList();
    }
    assertTrue(found.size() >= 11, "scan found only " + found);
    for (Class<?> c : found) {
      assertTrue(registered.contains(c), c.getName() + " implements EventData but is not in EventTypes");
    }
  }

  @Test
  void commandsGoToTheNodeCommandTopicKeyedByContainer() {
    assertEquals(Topics.NODE_COMMANDS, EventTypes.RUN_CONTAINER.topic());
    assertEquals("io.berth.container.run.v1", EventTypes.RUN_CONTAINER.type());
    assertEquals("io.berth.task.exited.v1", EventTypes.TASK_EXITED.type());
    assertEquals("berth:/schemas/task-exited.v1.json", EventTypes.TASK_EXITED.dataschema());
    assertEquals(Topics.NODE_HEARTBEATS, EventTypes.NODE_HEARTBEAT.topic());
  }

  @Test
  void unknownTypeIsAClearError() {
    UnknownEventTypeException e =
        assertThrows(UnknownEventTypeException.class, () -> EventTypes.forType("io.berth.task.hibernated.v1"));
    assertEquals("io.berth.task.hibernated.v1", e.type());
    assertTrue(e.getMessage().contains("io.berth.task.hibernated.v1"));
  }

  private static Class<?> load(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
  }
}
