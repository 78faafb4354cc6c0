package io.berth.events;

import java.util.Objects;
import java.util.function.Function;

/**
 * One registered kind of event: the record class, its CloudEvents {@code type}, the topic it is
 * published on, its schema file and how to read its subject (the Kafka key) from the record.
 *
 * @param dataClass the Java record carried as {@code data}
 * @param type CloudEvents type, {@code io.berth.<noun>.<verb>.v<N>}
 * @param topic one of {@link Topics}
 * @param schemaName base name of the schema and golden samples, e.g. {@code task-exited}
 * @param version major version, the {@code vN} suffix of {@code type} and of the Java package
 * @param subjectOf extracts the object id the event is about
 */
public record EventType<T extends EventData>(
    Class<T> dataClass,
    String type,
    String topic,
    String schemaName,
    int version,
    Function<T, String> subjectOf) {

  /** URI scheme of {@link #dataschema()}: the rest is the resource path inside the events jar. */
  public static final String SCHEMA_URI_PREFIX = "berth:";

  public EventType {
    Objects.requireNonNull(dataClass, "dataClass");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(topic, "topic");
    Objects.requireNonNull(schemaName, "schemaName");
    Objects.requireNonNull(subjectOf, "subjectOf");
  }

  /** Classpath resource of the JSON schema, e.g. {@code /schemas/task-exited.v1.json}. */
  public String schemaResource() {
    return "/schemas/" + schemaName + ".v" + version + ".json";
  }

  /** The CloudEvents {@code dataschema} attribute: {@code berth:/schemas/<name>.v<N>.json}. */
  public String dataschema() {
    return SCHEMA_URI_PREFIX + schemaResource();
  }

  /** The subject (Kafka key) of {@code data}. */
  public String subjectOf(EventData data) {
    return subjectOf.apply(dataClass.cast(data));
  }

  @SuppressWarnings("unchecked")
  <U extends EventData> EventType<U> cast(U data) {
    if (!dataClass.isInstance(data)) {
      throw new IllegalStateException(
          "type " + type + " carries " + dataClass.getName() + ", not " + data.getClass().getName());
    }
    return (EventType<U>) this;
  }
}
