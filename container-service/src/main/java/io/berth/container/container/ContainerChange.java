package io.berth.container.container;

import io.berth.events.CloudEvent;
import io.berth.events.EventData;
import io.berth.events.Envelope;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What one fact or request does to a locked container record, decided in Java and written by
 * {@link ContainerRecords#write} in one statement: the record's new task fields (or its removal
 * with a tombstone) and the events to emit through the outbox, in emission order.
 */
public final class ContainerChange {
  /** A removal: when, and the volumes to delete with it (anonymous ones no other container uses). */
  public record Removal(Instant at, List<String> anonymousVolumes) {}

  private final ContainerEntity container;
  private final List<CloudEvent<?>> events = new ArrayList<>();
  private boolean changed;
  private Removal removal;

  private ContainerChange(ContainerEntity container) {
    this.container = container;
  }

  /** No change yet to {@code c}, a record locked by the caller's transaction. */
  public static ContainerChange of(ContainerEntity c) {
    return new ContainerChange(c);
  }

  public ContainerEntity container() {
    return container;
  }

  /** Marks the record's task fields as changed (they are written back). */
  public ContainerChange changed() {
    changed = true;
    return this;
  }

  /** Emits {@code data} (after the ones before) when the change is written. */
  public ContainerChange emit(EventData data) {
    changed = true;
    events.add(Envelope.of(ContainerEvents.SOURCE, data));
    return this;
  }

  /** The record is deleted (and a tombstone left) instead of updated. */
  ContainerChange remove(Instant at, List<String> anonymousVolumes) {
    changed = true;
    removal = new Removal(at, List.copyOf(anonymousVolumes));
    return this;
  }

  /** Whether there is anything to write: a skipped fact leaves the record as it was. */
  public boolean isChanged() {
    return changed;
  }

  /** The removal, or null when the record stays. */
  public Removal removal() {
    return removal;
  }

  public List<CloudEvent<?>> events() {
    return events;
  }

  /** The record, or the tombstone it leaves, as this change commits them: what the removal writes and waiters read. */
  public ContainerWaiter.Observation committed() {
    if (removal == null) {
      return new ContainerWaiter.Observation(container, null);
    }
    ContainerTombstone t = new ContainerTombstone();
    t.id = container.id;
    t.name = container.name;
    t.exitCode = container.exitCode;
    t.error = container.error;
    t.startCount = container.startCount;
    t.removedAt = removal.at();
    return new ContainerWaiter.Observation(null, t);
  }
}
