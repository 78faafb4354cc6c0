package io.berth.events;

import io.berth.events.container.v1.ContainerCreated;
import io.berth.events.container.v1.ContainerDied;
import io.berth.events.container.v1.ContainerRemoved;
import io.berth.events.container.v1.ContainerRenamed;
import io.berth.events.container.v1.ContainerPaused;
import io.berth.events.container.v1.ContainerStarted;
import io.berth.events.container.v1.ContainerUnpaused;
import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.PauseContainer;
import io.berth.events.container.v1.RemoveContainer;
import io.berth.events.volume.v1.RemoveVolume;
import io.berth.events.container.v1.RunContainer;
import io.berth.events.container.v1.StopContainer;
import io.berth.events.container.v1.UnpauseContainer;
import io.berth.events.container.v1.UpdateContainer;
import io.berth.events.build.v1.BuildFailed;
import io.berth.events.build.v1.BuildFinished;
import io.berth.events.build.v1.BuildStarted;
import io.berth.events.build.v1.BuildStepCompleted;
import io.berth.events.image.v1.ImageBuilt;
import io.berth.events.image.v1.ImageDeleted;
import io.berth.events.image.v1.ImageImported;
import io.berth.events.image.v1.ImagePulled;
import io.berth.events.image.v1.ImagePushed;
import io.berth.events.image.v1.ImageTagged;
import io.berth.events.image.v1.ImageUntagged;
import io.berth.events.network.v1.EndpointConnected;
import io.berth.events.network.v1.EndpointDisconnected;
import io.berth.events.network.v1.NetworkCreated;
import io.berth.events.network.v1.NetworkRemoved;
import io.berth.events.node.v1.NodeHeartbeat;
import io.berth.events.task.v1.TaskExited;
import io.berth.events.task.v1.TaskFailed;
import io.berth.events.task.v1.TaskPaused;
import io.berth.events.task.v1.TaskStarted;
import io.berth.events.task.v1.TaskUnpaused;
import io.berth.events.webhook.v1.WebhookDisabled;
import io.berth.events.audit.v1.AuditRecorded;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The one registry of event kinds: record class ↔ CloudEvents {@code type} ↔ topic ↔ schema.
 *
 * <p>Naming rule, applied mechanically to the record's simple name: split it into the noun (the
 * object the event is about: container, task, node, image) and the rest (the verb), then
 * <ul>
 *   <li>{@code type} = {@code io.berth.<noun>.<verb>.v<N>}, lower case: facts carry a past-tense
 *       verb ({@code TaskExited} → {@code io.berth.task.exited.v1}, {@code NodeHeartbeat} →
 *       {@code io.berth.node.heartbeat.v1}), commands an imperative one ({@code RunContainer} →
 *       {@code io.berth.container.run.v1});
 *   <li>schema name = {@code <noun>-<verb>}: {@code schemas/task-exited.v1.json} and golden samples
 *       under {@code task-exited/v1/} in the test resources.
 * </ul>
 * No data ever goes into a type string. Adding a record here without a schema and a golden sample
 * fails {@code EventTypesTest}.
 */
public final class EventTypes {

  public static final String PREFIX = "io.berth.";

  // Commands: one consumer (the node named in the command).
  public static final EventType<RunContainer> RUN_CONTAINER =
      type(RunContainer.class, "container", "run", Topics.NODE_COMMANDS, RunContainer::containerId);
  public static final EventType<StopContainer> STOP_CONTAINER =
      type(StopContainer.class, "container", "stop", Topics.NODE_COMMANDS, StopContainer::containerId);
  public static final EventType<KillContainer> KILL_CONTAINER =
      type(KillContainer.class, "container", "kill", Topics.NODE_COMMANDS, KillContainer::containerId);
  public static final EventType<RemoveContainer> REMOVE_CONTAINER =
      type(RemoveContainer.class, "container", "remove", Topics.NODE_COMMANDS, RemoveContainer::containerId);
  public static final EventType<PauseContainer> PAUSE_CONTAINER =
      type(PauseContainer.class, "container", "pause", Topics.NODE_COMMANDS, PauseContainer::containerId);
  public static final EventType<UnpauseContainer> UNPAUSE_CONTAINER =
      type(UnpauseContainer.class, "container", "unpause", Topics.NODE_COMMANDS, UnpauseContainer::containerId);
  public static final EventType<UpdateContainer> UPDATE_CONTAINER =
      type(UpdateContainer.class, "container", "update", Topics.NODE_COMMANDS, UpdateContainer::containerId);

  public static final EventType<RemoveVolume> REMOVE_VOLUME =
      type(RemoveVolume.class, "volume", "remove", Topics.NODE_COMMANDS, RemoveVolume::name);

  // Facts: anyone may consume them.
  public static final EventType<ContainerCreated> CONTAINER_CREATED =
      type(ContainerCreated.class, "container", "created", Topics.CONTAINER_EVENTS, ContainerCreated::containerId);
  public static final EventType<ContainerRemoved> CONTAINER_REMOVED =
      type(ContainerRemoved.class, "container", "removed", Topics.CONTAINER_EVENTS, ContainerRemoved::containerId);
  public static final EventType<ContainerStarted> CONTAINER_STARTED =
      type(ContainerStarted.class, "container", "started", Topics.CONTAINER_EVENTS, ContainerStarted::containerId);
  public static final EventType<ContainerDied> CONTAINER_DIED =
      type(ContainerDied.class, "container", "died", Topics.CONTAINER_EVENTS, ContainerDied::containerId);
  public static final EventType<ContainerRenamed> CONTAINER_RENAMED =
      type(ContainerRenamed.class, "container", "renamed", Topics.CONTAINER_EVENTS, ContainerRenamed::containerId);
  public static final EventType<ContainerPaused> CONTAINER_PAUSED =
      type(ContainerPaused.class, "container", "paused", Topics.CONTAINER_EVENTS, ContainerPaused::containerId);
  public static final EventType<ContainerUnpaused> CONTAINER_UNPAUSED =
      type(ContainerUnpaused.class, "container", "unpaused", Topics.CONTAINER_EVENTS, ContainerUnpaused::containerId);
  public static final EventType<TaskStarted> TASK_STARTED =
      type(TaskStarted.class, "task", "started", Topics.TASK_EVENTS, TaskStarted::containerId);
  public static final EventType<TaskExited> TASK_EXITED =
      type(TaskExited.class, "task", "exited", Topics.TASK_EVENTS, TaskExited::containerId);
  public static final EventType<TaskFailed> TASK_FAILED =
      type(TaskFailed.class, "task", "failed", Topics.TASK_EVENTS, TaskFailed::containerId);
  public static final EventType<TaskPaused> TASK_PAUSED =
      type(TaskPaused.class, "task", "paused", Topics.TASK_EVENTS, TaskPaused::containerId);
  public static final EventType<TaskUnpaused> TASK_UNPAUSED =
      type(TaskUnpaused.class, "task", "unpaused", Topics.TASK_EVENTS, TaskUnpaused::containerId);
  public static final EventType<NodeHeartbeat> NODE_HEARTBEAT =
      type(NodeHeartbeat.class, "node", "heartbeat", Topics.NODE_HEARTBEATS, NodeHeartbeat::nodeId);
  public static final EventType<ImageImported> IMAGE_IMPORTED =
      type(ImageImported.class, "image", "imported", Topics.IMAGE_EVENTS, ImageImported::imageId);
  public static final EventType<ImagePushed> IMAGE_PUSHED =
      type(ImagePushed.class, "image", "pushed", Topics.IMAGE_EVENTS, ImagePushed::manifestDigest);
  public static final EventType<ImagePulled> IMAGE_PULLED =
      type(ImagePulled.class, "image", "pulled", Topics.IMAGE_EVENTS, ImagePulled::imageId);
  public static final EventType<ImageTagged> IMAGE_TAGGED =
      type(ImageTagged.class, "image", "tagged", Topics.IMAGE_EVENTS, ImageTagged::imageId);
  public static final EventType<ImageUntagged> IMAGE_UNTAGGED =
      type(ImageUntagged.class, "image", "untagged", Topics.IMAGE_EVENTS, ImageUntagged::imageId);
  public static final EventType<ImageDeleted> IMAGE_DELETED =
      type(ImageDeleted.class, "image", "deleted", Topics.IMAGE_EVENTS, ImageDeleted::imageId);
  // Dockerfile builds (issue 7): facts of image-service, on the image topic.
  public static final EventType<BuildStarted> BUILD_STARTED =
      type(BuildStarted.class, "build", "started", Topics.IMAGE_EVENTS, BuildStarted::buildId);
  public static final EventType<BuildStepCompleted> BUILDSTEP_COMPLETED =
      type(BuildStepCompleted.class, "buildstep", "completed", Topics.IMAGE_EVENTS, BuildStepCompleted::buildId);
  public static final EventType<BuildFinished> BUILD_FINISHED =
      type(BuildFinished.class, "build", "finished", Topics.IMAGE_EVENTS, BuildFinished::buildId);
  public static final EventType<BuildFailed> BUILD_FAILED =
      type(BuildFailed.class, "build", "failed", Topics.IMAGE_EVENTS, BuildFailed::buildId);
  public static final EventType<ImageBuilt> IMAGE_BUILT =
      type(ImageBuilt.class, "image", "built", Topics.IMAGE_EVENTS, ImageBuilt::imageId);

  public static final EventType<NetworkCreated> NETWORK_CREATED =
      type(NetworkCreated.class, "network", "created", Topics.NETWORK_EVENTS, NetworkCreated::networkId);
  public static final EventType<NetworkRemoved> NETWORK_REMOVED =
      type(NetworkRemoved.class, "network", "removed", Topics.NETWORK_EVENTS, NetworkRemoved::networkId);
  public static final EventType<EndpointConnected> ENDPOINT_CONNECTED =
      type(EndpointConnected.class, "endpoint", "connected", Topics.NETWORK_EVENTS, EndpointConnected::networkId);
  public static final EventType<EndpointDisconnected> ENDPOINT_DISCONNECTED =
      type(EndpointDisconnected.class, "endpoint", "disconnected", Topics.NETWORK_EVENTS, EndpointDisconnected::networkId);
  public static final EventType<WebhookDisabled> WEBHOOK_DISABLED =
      type(WebhookDisabled.class, "webhook", "disabled", Topics.WEBHOOK_EVENTS, WebhookDisabled::subscriptionId);
  public static final EventType<AuditRecorded> AUDIT_RECORDED =
      type(AuditRecorded.class, "audit", "recorded", Topics.AUDIT_EVENTS, r -> AuditRecorded.CHAIN);

  /** Every registered kind, in declaration order. */
  public static final List<EventType<?>> ALL =
      List.of(
          RUN_CONTAINER, STOP_CONTAINER, KILL_CONTAINER, REMOVE_CONTAINER, REMOVE_VOLUME,
          CONTAINER_CREATED, CONTAINER_REMOVED, CONTAINER_STARTED, CONTAINER_DIED, CONTAINER_RENAMED,
          TASK_STARTED, TASK_EXITED, TASK_FAILED,
          // Issue 4 (pause, unpause, update): kept together so parallel additions merge cleanly.
          PAUSE_CONTAINER, UNPAUSE_CONTAINER, UPDATE_CONTAINER, CONTAINER_PAUSED, CONTAINER_UNPAUSED,
          TASK_PAUSED, TASK_UNPAUSED,
          NODE_HEARTBEAT,
          IMAGE_IMPORTED, IMAGE_PUSHED, IMAGE_PULLED, IMAGE_TAGGED, IMAGE_UNTAGGED, IMAGE_DELETED,
          NETWORK_CREATED, NETWORK_REMOVED, ENDPOINT_CONNECTED, ENDPOINT_DISCONNECTED,
          // Issue 7 (Dockerfile builds).
          BUILD_STARTED, BUILDSTEP_COMPLETED, BUILD_FINISHED, BUILD_FAILED, IMAGE_BUILT,
          // Issue 8 (webhooks, audit).
          WEBHOOK_DISABLED, AUDIT_RECORDED);

  private static final Map<String, EventType<?>> BY_TYPE = new LinkedHashMap<>();
  private static final Map<Class<?>, EventType<?>> BY_CLASS = new LinkedHashMap<>();

  static {
    for (EventType<?> t : ALL) {
      if (BY_TYPE.put(t.type(), t) != null || BY_CLASS.put(t.dataClass(), t) != null) {
        throw new ExceptionInInitializerError("duplicate event registration: " + t.type());
      }
    }
  }

  private EventTypes() {}

  /** The registration for a CloudEvents {@code type}; {@link UnknownEventTypeException} if none. */
  public static EventType<?> forType(String type) {
    EventType<?> t = BY_TYPE.get(type);
    if (t == null) {
      throw new UnknownEventTypeException(type);
    }
    return t;
  }

  /** Whether {@code type} is registered (consumers that only want some types may skip the rest). */
  public static boolean isKnown(String type) {
    return BY_TYPE.containsKey(type);
  }

  /** The registration for a record class; {@link IllegalArgumentException} if none. */
  @SuppressWarnings("unchecked")
  public static <T extends EventData> EventType<T> forClass(Class<T> dataClass) {
    EventType<?> t = BY_CLASS.get(dataClass);
    if (t == null) {
      throw new IllegalArgumentException(dataClass.getName() + " is not registered in EventTypes");
    }
    return (EventType<T>) t;
  }

  /** The registration for a record instance. */
  @SuppressWarnings("unchecked")
  public static <T extends EventData> EventType<T> of(T data) {
    return forClass((Class<T>) data.getClass());
  }

  private static <T extends EventData> EventType<T> type(
      Class<T> cls, String noun, String verb, String topic, Function<T, String> subjectOf) {
    int version = versionOf(cls);
    return new EventType<>(
        cls, PREFIX + noun + "." + verb + ".v" + version, topic, noun + "-" + verb, version, subjectOf);
  }

  /** The version comes from the package ({@code ...container.v1}), so the two cannot disagree. */
  private static int versionOf(Class<?> cls) {
    String pkg = cls.getPackageName();
    String last = pkg.substring(pkg.lastIndexOf('.') + 1);
    if (!last.matches("v[0-9]+")) {
      throw new ExceptionInInitializerError(cls.getName() + " is not in a versioned package (e.g. container.v1)");
    }
    return Integer.parseInt(last.substring(1));
  }
}
