package io.berth.events;

/**
 * Marker for every record that travels as the {@code data} of a {@link CloudEvent}: commands and
 * facts. Each implementation must be registered in {@link EventTypes}.
 */
public interface EventData {}
