package io.berth.events;

/**
 * Kafka header names of the CloudEvents binary mode: each attribute is a {@code ce_} header,
 * except {@code datacontenttype}, which maps to {@code content-type}.
 *
 * @see <a href="https://github.com/cloudevents/spec/blob/v1.0.2/cloudevents/bindings/kafka-protocol-binding.md#32-binary-content-mode">binary content mode</a>
 */
public final class CeHeaders {
  public static final String SPECVERSION = "ce_specversion";
  public static final String ID = "ce_id";
  public static final String SOURCE = "ce_source";
  public static final String TYPE = "ce_type";
  public static final String SUBJECT = "ce_subject";
  public static final String TIME = "ce_time";
  public static final String DATASCHEMA = "ce_dataschema";
  public static final String CONTENT_TYPE = "content-type";

  private CeHeaders() {}
}
