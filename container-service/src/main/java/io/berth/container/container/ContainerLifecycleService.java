package io.berth.container.container;

import io.berth.events.Signals;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.UnavailableException;
import io.berth.container.api.ContainerWaitResponse;
import io.berth.container.container.ContainerWaiter.Observation;
import io.berth.container.image.ImageServiceClient;
import io.berth.container.network.ContainerNetworking;
import io.berth.container.network.ContainerNetworking.Wiring;
import io.berth.container.node.NodeScheduler;
import io.berth.events.container.v1.ContainerSpec;
import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.RunContainer;
import io.berth.events.container.v1.StopContainer;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * start, stop, kill, restart and wait: each writes its command through the outbox in one
 * transaction, then (outside it) waits for the node's answer to be applied by the fact consumer.
 */
@ApplicationScoped
public class ContainerLifecycleService {
  private final ContainerService service;
  private final ContainerRepository containers;
  private final NodeScheduler scheduler;
  private final ContainerEvents events;
  private final ContainerWaiter waiter;
  private final ContainerMapper mapper;
  private final ImageServiceClient images;
  private final ContainerNetworking networking;
  private final ContainerRecords records;
  private final RecordTransactions transactions;
  private final Duration startTimeout;

  public ContainerLifecycleService(
      ContainerService service, ContainerRepository containers, NodeScheduler scheduler,
      ContainerEvents events, ContainerWaiter waiter, ContainerMapper mapper, ImageServiceClient images,
      ContainerNetworking networking, ContainerRecords records, RecordTransactions transactions,
      @ConfigProperty(name = "berth.container.start-timeout", defaultValue = "PT30S") Duration startTimeout) {
    this.service = service;
    this.containers = containers;
    this.scheduler = scheduler;
    this.events = events;
    this.waiter = waiter;
    this.mapper = mapper;
    this.images = images;
    this.networking = networking;
    this.records = records;
    this.transactions = transactions;
    this.startTimeout = startTimeout;
  }

  /** Counters read when a command was sent; the answer is the fact that moves one of them. */
  record Sent(String id, int starts, int exits, int failures) {
    static Sent of(ContainerEntity c) {
      return new Sent(c.id, c.startCount, c.exitCount, c.failureCount);
    }
  }

  /** {@code POST /containers/{id}/start}: RunContainer, then wait for TaskStarted or TaskFailed. */
  public Uni<StartOutcome> start(String ref) {
    // The node and networking are chosen before the transaction (an HTTP call must not hold the
    // row lock), in one session; if the transaction then does not send the command, the
    // networking is given back. The transaction itself is two statements on the plain client:
    // lock the row, then write node, settings and the RunContainer outbox row.
    return Panache.withSession(() -> service.require(ref).flatMap(c -> c.isRunning()
            ? Uni.createFrom().item(new Plan(c, null, null))
            : node(c).flatMap(nodeId -> networking.prepare(c).map(wiring -> new Plan(c, nodeId, wiring)))))
        .flatMap(plan -> transactions.run(conn -> records.lock(conn, plan.read().id)
                .flatMap(locked -> send(conn, ref, plan, locked)))
            .onFailure().call(e -> plan.wiring() == null ? Uni.createFrom().voidItem()
                : networking.release(plan.wiring().containerId()).onFailure().recoverWithNull()))
        .flatMap(sent -> sent.isEmpty()
            ? Uni.createFrom().item(StartOutcome.NOT_MODIFIED)
            : awaitStart(sent.get()).replaceWith(StartOutcome.DONE))
        // It was running when read and had exited when locked: plan again (node, networking).
        .onFailure(StalePlan.class).recoverWithUni(() -> start(ref));
  }

  /** What a start decided before its transaction: the record as read, its node and networking. */
  private record Plan(ContainerEntity read, String nodeId, Wiring wiring) {}

  /** The plan was made for a running container that has exited since: nothing was written. */
  private static final class StalePlan extends RuntimeException {
    StalePlan() {
      super(null, null, false, false);
    }
  }

  private Uni<Optional<Sent>> send(io.vertx.mutiny.sqlclient.SqlConnection conn, String ref, Plan plan, ContainerEntity c) {
    if (c == null) {
      return Uni.createFrom().failure(ContainerErrors.noSuchContainer(ref));
    }
    if (c.state == ContainerState.PAUSED) {
      return Uni.createFrom().failure(new io.berth.common.error.ConflictException(
          "cannot start a paused container, try unpause instead"));
    }
    if (c.isRunning()) {
      return Uni.createFrom().item(Optional.empty()); // Docker's 304
    }
    if (plan.nodeId() == null) {
      return Uni.createFrom().failure(new StalePlan());
    }
    c.state.transitionTo(ContainerState.RUNNING); // rejects removing/dead with 409
    // Another start may have moved it to a live node meanwhile (it still sent its own command).
    if (java.util.Objects.equals(c.nodeId, plan.read().nodeId)) {
      c.nodeId = plan.nodeId();
    }
    c.networkSettings = plan.wiring() == null ? null : plan.wiring().settingsJson();
    ContainerChange change = ContainerChange.of(c).emit(runCommand(plan.read(), c, plan.wiring()));
    return records.write(conn, change).replaceWith(Optional.of(Sent.of(c)));
  }

  private Uni<Void> awaitStart(Sent sent) {
    return waiter.until(sent.id(), obs -> startOutcome(obs, sent), startTimeout, () -> new UnavailableException(
            "timed out after " + startTimeout.toSeconds() + "s waiting for the node to start container " + sent.id()))
        .replaceWithVoid();
  }

  /** Whether the start {@code sent} asked for happened (true), failed (throws), or is pending (empty). */
  static Optional<Boolean> startOutcome(ContainerWaiter.Observation obs, Sent sent) {
    if (obs.removed()) {
      // A short task under --rm can start, exit and be removed before the waiter reads again:
      // its tombstone still tells that it started.
      if (obs.tombstone() != null && obs.tombstone().startCount > sent.starts()) {
        return Optional.of(Boolean.TRUE);
      }
      String why = obs.tombstone() != null && obs.tombstone().error != null
          ? obs.tombstone().error : "container was removed while starting";
      throw StartFailure.of(why);
    }
    ContainerEntity c = obs.container();
    if (c.startCount > sent.starts()) {
      return Optional.of(Boolean.TRUE);
    }
    if (c.failureCount > sent.failures()) {
      throw StartFailure.of(c.error);
    }
    return Optional.empty();
  }

  // A created container keeps its node; if that node is gone, it is scheduled again.
  private Uni<String> node(ContainerEntity c) {
    return scheduler.isLive(c.nodeId).flatMap(live -> live
        ? Uni.createFrom().item(c.nodeId)
        : scheduler.pick().map(n -> n.orElseThrow(() -> new UnavailableException(
            "no node is available to run containers: no node-runtime heartbeat received recently")).id));
  }

  /** The command for {@code created}'s create-time config, run as {@code now} (name, node) is. */
  private RunContainer runCommand(ContainerEntity created, ContainerEntity now, Wiring wiring) {
    var config = mapper.tree(created.config);
    String hostname = config.path("Hostname").asText("");
    var hostConfig = mapper.tree(created.hostConfig);
    ContainerSpec spec = new ContainerSpec(
        ContainerConfigMerger.strings(config.get("Entrypoint")),
        ContainerConfigMerger.strings(config.get("Cmd")),
        ContainerConfigMerger.strings(config.get("Env")),
        emptyToNull(config.path("WorkingDir").asText("")),
        emptyToNull(config.path("User").asText("")),
        hostname.isEmpty() ? ContainerIds.shortId(now.id) : hostname,
        mapper.labels(created),
        config.path("Tty").asBoolean(false),
        config.path("OpenStdin").asBoolean(false),
        HostOptions.resources(hostConfig),
        HostOptions.security(hostConfig),
        ContainerMounts.forNode(mapper.mounts(now)),
        HostOptions.logConfig(hostConfig),
        config.path("StdinOnce").asBoolean(false),
        HostOptions.consoleSize(hostConfig));
    return new RunContainer(now.id, now.nodeId, now.name, now.image, created.manifestDigest, images.baseUrl(),
        created.repository, spec, Instant.now(), wiring == null ? null : wiring.network());
  }

  /** {@code POST /containers/{id}/stop?t=}: StopContainer, then wait until it exited. */
  public Uni<StartOutcome> stop(String ref, Integer timeoutSeconds) {
    int t = timeoutSeconds == null ? StopContainer.DEFAULT_TIMEOUT_SECONDS : Math.max(timeoutSeconds, 0);
    return Panache.<Optional<Sent>>withTransaction(() -> lock(ref).flatMap(c -> {
          if (!c.isRunning()) {
            return Uni.createFrom().item(Optional.<Sent>empty());
          }
          String signal = mapper.tree(c.config).path("StopSignal").asText("");
          return events.emit(new StopContainer(c.id, c.nodeId, t, signal)).replaceWith(Optional.of(Sent.of(c)));
        }))
        .flatMap(sent -> sent.isEmpty()
            ? Uni.createFrom().item(StartOutcome.NOT_MODIFIED)
            : awaitExit(sent.get(), Duration.ofSeconds(t + 10L)).replaceWith(StartOutcome.DONE));
  }

  /** {@code POST /containers/{id}/kill?signal=}: 409 unless running; waits briefly for SIGKILL. */
  public Uni<Void> kill(String ref, String signal) {
    String sig;
    try {
      sig = Signals.normalize(signal);
    } catch (IllegalArgumentException e) {
      return Uni.createFrom().failure(new InvalidArgumentException(e.getMessage()));
    }
    return Panache.<Sent>withTransaction(() -> lock(ref).flatMap(c -> {
          if (!c.isRunning()) {
            return Uni.createFrom().failure(ContainerErrors.notRunning(c.id));
          }
          return events.emit(new KillContainer(c.id, c.nodeId, sig)).replaceWith(Sent.of(c));
        }))
        // Docker returns from a SIGKILL once the container is dead; other signals may be ignored.
        .flatMap(sent -> "SIGKILL".equals(sig)
            ? awaitExit(sent, Duration.ofSeconds(10)).onFailure().recoverWithNull().replaceWithVoid()
            : Uni.createFrom().voidItem());
  }

  /** {@code POST /containers/{id}/restart?t=}: stop if running, then start. */
  public Uni<Void> restart(String ref, Integer timeoutSeconds) {
    return stop(ref, timeoutSeconds).flatMap(x -> start(ref)).replaceWithVoid();
  }

  private Uni<Observation> awaitExit(Sent sent, Duration timeout) {
    return waiter.until(sent.id(),
        obs -> obs.removed() || obs.container().exitCount > sent.exits() || !obs.container().isRunning()
            ? Optional.of(obs) : Optional.empty(),
        timeout,
        () -> new UnavailableException("timed out waiting for container " + sent.id() + " to stop"));
  }

  /** {@code POST /containers/{id}/wait?condition=}: answers when the condition holds; no timeout. */
  public Uni<ContainerWaitResponse> await(String ref, String condition) {
    String cond = condition == null || condition.isEmpty() ? "not-running" : condition;
    if (!cond.equals("not-running") && !cond.equals("next-exit") && !cond.equals("removed")) {
      return Uni.createFrom().failure(new InvalidArgumentException("invalid condition: \"" + cond + "\""));
    }
    return Panache.withSession(() -> service.require(ref).map(Sent::of))
        .flatMap(sent -> waiter.until(sent.id(), obs -> switch (cond) {
              case "removed" -> obs.removed() ? Optional.of(obs) : Optional.<Observation>empty();
              case "next-exit" -> obs.removed() || obs.container().exitCount > sent.exits()
                  ? Optional.of(obs) : Optional.<Observation>empty();
              default -> obs.removed() || !obs.container().isRunning()
                  ? Optional.of(obs) : Optional.<Observation>empty();
            }, Duration.ofDays(3650), () -> new IllegalStateException("unreachable")))
        .map(obs -> new ContainerWaitResponse(obs.exitCode(), null));
  }

  private Uni<ContainerEntity> lock(String ref) {
    return service.require(ref).flatMap(c -> containers.findForUpdate(c.id));
  }

  private static String emptyToNull(String s) {
    return s == null || s.isEmpty() ? null : s;
  }
}
