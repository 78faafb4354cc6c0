package io.berth.gateway.events;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Follows container facts (Topics.CONTAINER_EVENTS). For now it only counts them; the channel
 * also gives the gateway its Kafka readiness check, and `docker events` will grow from here.
 */
@ApplicationScoped
public class ContainerEventsConsumer {

  /** Channel name; its topic is configured as mp.messaging.incoming.container-events.topic. */
  public static final String CHANNEL = "container-events";

  private final Counter received;

  @Inject
  public ContainerEventsConsumer(MeterRegistry registry) {
    this.received =
        Counter.builder("berth.gateway.container.events")
            .description("Container events the gateway has consumed")
            .register(registry);
  }

  @Incoming(CHANNEL)
  public void onEvent(byte[] payload) {
    received.increment();
  }
}
