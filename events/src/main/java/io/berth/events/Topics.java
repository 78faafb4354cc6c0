package io.berth.events;

import java.util.List;

/**
 * Every Kafka topic Berth uses, defined once. The launcher creates them up front; services name
 * them only through these constants.
 */
public final class Topics {
  /** Commands for node-runtime workers (RunContainer, StopContainer, ...), keyed by container id. */
  public static final String NODE_COMMANDS = "berth.node.commands";
  /** Facts from node-runtime workers about tasks (TaskStarted, TaskExited, TaskFailed), keyed by container id. */
  public static final String TASK_EVENTS = "berth.task.events";
  /** NodeHeartbeat facts, keyed by node id. */
  public static final String NODE_HEARTBEATS = "berth.node.heartbeats";
  /** Facts from container-service (ContainerCreated, ContainerRemoved, ...), keyed by container id. */
  public static final String CONTAINER_EVENTS = "berth.container.events";
  /** Facts from image-service (ImageImported, ...), keyed by image id. */
  public static final String IMAGE_EVENTS = "berth.image.events";
  /** Facts from network-service, keyed by network id. */
  public static final String NETWORK_EVENTS = "berth.network.events";
  /** Facts from api-gateway about webhook subscriptions (WebhookDisabled), keyed by subscription id. */
  public static final String WEBHOOK_EVENTS = "berth.webhook.events";
  /**
   * api-gateway's audit trail (AuditRecorded), all under one key so the chain stays in order. The
   * durable copy is the gateway's audit_log table; this topic keeps the default retention.
   */
  public static final String AUDIT_EVENTS = "berth.audit.events";
  /** Messages that could not be processed, with the error in their headers. Never dropped. */
  public static final String DEAD_LETTER = "berth.dead-letter";

  /** Partitions per topic: room for a few consumers per group when services scale out. */
  public static final int PARTITIONS = 3;

  /** Fact topics are the durable event history (docker events --since): kept forever. */
  public static final List<String> HISTORY = List.of(TASK_EVENTS, CONTAINER_EVENTS, IMAGE_EVENTS, NETWORK_EVENTS, WEBHOOK_EVENTS);

  public static final List<String> ALL =
      List.of(NODE_COMMANDS, TASK_EVENTS, NODE_HEARTBEATS, CONTAINER_EVENTS, IMAGE_EVENTS, NETWORK_EVENTS, WEBHOOK_EVENTS,
          AUDIT_EVENTS, DEAD_LETTER);

  private Topics() {}
}
