package io.berth.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The wire contract: every golden sample reads into its record, writes back to the same JSON tree
 * and is valid against its schema (and so is what we write).
 */
class GoldenSamplesTest {

  private static final JsonSchemaFactory FACTORY =
      JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012);

  static JsonSchema schema(EventType<?> type) {
    try (InputStream in = EventType.class.getResourceAsStream(type.schemaResource())) {
      SchemaValidatorsConfig config =
          SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build();
      return FACTORY.getSchema(in, config);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @TestFactory
  Stream<DynamicTest> everySampleRoundTripsAndMatchesItsSchema() {
    List<DynamicTest> tests = new ArrayList<>();
    for (EventType<?> type : EventTypes.ALL) {
      JsonSchema schema = schema(type);
      for (Path sample : Samples.of(type)) {
        tests.add(
            DynamicTest.dynamicTest(
                type.schemaName() + "/" + sample.getFileName(), () -> check(type, schema, sample)));
      }
    }
    return tests.stream();
  }

  @org.junit.jupiter.api.Test
  void schemasRejectWhatTheContractForbids() throws Exception {
    JsonSchema exited = schema(EventTypes.TASK_EXITED);
    JsonNode noContainer = EventCodec.mapper().readTree("{\"nodeId\":\"n\",\"exitCode\":0}");
    assertTrue(!exited.validate(noContainer).isEmpty(), "missing containerId accepted");
    JsonNode badTime = EventCodec.mapper().readTree(
        "{\"containerId\":\"" + "a".repeat(64) + "\",\"nodeId\":\"n\",\"exitCode\":0,\"exitedAt\":\"yesterday\"}");
    assertTrue(!exited.validate(badTime).isEmpty(), "malformed date-time accepted");
  }

  private static void check(EventType<?> type, JsonSchema schema, Path sample) throws Exception {
    JsonNode golden = Samples.read(sample);
    Set<ValidationMessage> errors = schema.validate(golden);
    assertTrue(errors.isEmpty(), () -> sample + " violates " + type.schemaResource() + ": " + errors);

    EventData data = EventCodec.decodeData(EventCodec.mapper().writeValueAsBytes(golden), type.dataClass());
    JsonNode written = EventCodec.mapper().readTree(EventCodec.encode(data));
    assertEquals(golden, written, () -> sample + " does not round-trip");
    assertTrue(schema.validate(written).isEmpty(), "serialized form violates the schema");
  }
}
