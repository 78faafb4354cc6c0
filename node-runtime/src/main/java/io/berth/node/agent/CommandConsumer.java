package io.berth.node.agent;

import io.berth.events.CeHeaders;
import io.berth.events.CloudEvent;
import io.berth.events.EventCodec;
import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.RemoveContainer;
import io.berth.events.volume.v1.RemoveVolume;
import io.berth.node.volume.VolumeStore;
import io.berth.events.container.v1.RunContainer;
import io.berth.events.container.v1.StopContainer;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.jboss.logging.Logger;

/**
 * Reads the node command topic and hands this node's commands to {@link TaskCommands}.
 *
 * <p>Every node reads the whole topic in its own consumer group and skips commands for other
 * nodes. Duplicates (at-least-once delivery) are skipped by source+id; the commands themselves are
 * idempotent too (running a running container, removing a removed one: no-ops). A record that
 * cannot be decoded is nacked, so the dead-letter strategy keeps it.
 */
@ApplicationScoped
public class CommandConsumer {
  public static final String CHANNEL = "node-commands";
  private static final Logger LOG = Logger.getLogger(CommandConsumer.class);
  private static final int REMEMBERED = 10_000;

  private final TaskCommands tasks;
  private final NodeIdentity node;
  private final VolumeStore volumes;
  private final Set<String> seen =
      Collections.synchronizedSet(
          Collections.newSetFromMap(
              new LinkedHashMap<>() {
                @Override
                protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                  return size() > REMEMBERED;
                }
              }));

  public CommandConsumer(TaskCommands tasks, NodeIdentity node, VolumeStore volumes) {
    this.tasks = tasks;
    this.node = node;
    this.volumes = volumes;
  }

  @Incoming(CHANNEL)
  public CompletionStage<Void> consume(Message<byte[]> message) {
    CloudEvent<?> event;
    try {
      event = EventCodec.decode(headers(message), message.getPayload());
    } catch (RuntimeException e) {
      LOG.warnf("undecodable command sent to the dead-letter topic: %s", e.getMessage());
      return message.nack(e);
    }
    if (!seen.add(event.source() + "/" + event.id())) {
      return message.ack();
    }
    try {
      dispatch(event.data());
    } catch (RuntimeException e) {
      LOG.errorf(e, "command %s for %s failed", event.type(), event.subject());
      return message.nack(e);
    }
    return message.ack();
  }

  private void dispatch(Object command) {
    if (command instanceof RunContainer c && mine(c.nodeId())) {
      tasks.run(c);
    } else if (command instanceof StopContainer c && mine(c.nodeId())) {
      tasks.stop(c);
    } else if (command instanceof KillContainer c && mine(c.nodeId())) {
      tasks.kill(c);
    } else if (command instanceof RemoveContainer c && mine(c.nodeId())) {
      tasks.remove(c);
    } else if (command instanceof RemoveVolume v) {
      try {
        volumes.remove(v.name()); // every node: the data is wherever a container used it
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    } else if (command instanceof io.berth.events.container.v1.PauseContainer c && mine(c.nodeId())) {
      tasks.pause(c);
    } else if (command instanceof io.berth.events.container.v1.UnpauseContainer c && mine(c.nodeId())) {
      tasks.unpause(c);
    } else if (command instanceof io.berth.events.container.v1.UpdateContainer c && mine(c.nodeId())) {
      tasks.update(c);
    }
  }

  private boolean mine(String nodeId) {
    return node.id().equals(nodeId);
  }

  private static Map<String, String> headers(Message<byte[]> message) {
    Map<String, String> map = new HashMap<>();
    message
        .getMetadata(IncomingKafkaRecordMetadata.class)
        .ifPresent(
            metadata -> {
              for (Header header : metadata.getHeaders()) {
                if (header.value() != null) {
                  map.put(header.key(), new String(header.value(), StandardCharsets.UTF_8));
                }
              }
            });
    map.putIfAbsent(CeHeaders.CONTENT_TYPE, "application/json");
    return map;
  }
}
