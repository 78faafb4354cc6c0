package io.berth.container.task;

import io.berth.common.inbox.IncomingEvents;
import io.berth.container.container.ContainerChangeNotifier;
import io.berth.container.container.ContainerRecords;
import io.berth.container.container.ContainerWaiter;
import io.berth.container.container.RecordTransactions;
import io.berth.events.CloudEvent;
import io.berth.events.EventTypes;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes the task facts nodes publish (TaskStarted, TaskExited, TaskFailed, TaskPaused,
 * TaskUnpaused), once each, and wakes the requests waiting on that container after the
 * transaction committed.
 *
 * <p>A fact is one transaction of two statements on the plain reactive client: the dedupe row
 * with the row lock and read (sent with BEGIN), then every write the fact causes (see
 * {@link ContainerRecords}).
 * This is on the path of every {@code docker run}: TaskStarted answers the start request and
 * TaskExited (with its {@code --rm} removal) the wait.
 */
@ApplicationScoped
public class TaskEventConsumer {
  public static final String CHANNEL = "task-events";
  private static final Logger LOG = Logger.getLogger(TaskEventConsumer.class);
  private static final Set<String> TYPES = Set.of(EventTypes.TASK_STARTED.type(), EventTypes.TASK_EXITED.type(),
      EventTypes.TASK_FAILED.type(), EventTypes.TASK_PAUSED.type(), EventTypes.TASK_UNPAUSED.type());

  private final RecordTransactions transactions;
  private final ContainerRecords records;
  private final TaskFactService facts;
  private final ContainerChangeNotifier notifier;

  public TaskEventConsumer(RecordTransactions transactions, ContainerRecords records, TaskFactService facts, ContainerChangeNotifier notifier) {
    this.transactions = transactions;
    this.records = records;
    this.facts = facts;
    this.notifier = notifier;
  }

  /**
   * An undecodable record fails the returned Uni (to the dead-letter topic); records of other
   * types are skipped unread.
   */
  @Incoming(CHANNEL)
  public Uni<Void> consume(ConsumerRecord<String, byte[]> record) {
    if (!TYPES.contains(IncomingEvents.type(record.headers()))) {
      return Uni.createFrom().voidItem();
    }
    return Uni.createFrom().<CloudEvent<?>>item(() -> IncomingEvents.decode(record))
        .flatMap(event -> apply(event).invoke(applied -> {
          if (applied.fresh()) {
            notifier.changed(TaskFactService.containerId(event.data()), applied.committed());
          }
        }))
        .replaceWithVoid();
  }

  /**
   * What applying a fact did: {@code fresh} if it was seen for the first time, and the container's
   * state as committed when it was (null when there was no record to change).
   */
  record Applied(boolean fresh, ContainerWaiter.Observation committed) {
    static final Applied SEEN = new Applied(false, null);
  }

  /** Applies {@code event} once (dedupe on source and id). */
  Uni<Applied> apply(CloudEvent<?> event) {
    String id = TaskFactService.containerId(event.data());
    return transactions.run(conn -> records.lockForFact(conn, event, id).flatMap(locked -> {
      if (!locked.fresh()) {
        return Uni.createFrom().item(Applied.SEEN);
      }
      if (locked.container() == null) {
        LOG.debugf("%s for unknown container %s (removed?), skipped", event.type(), id);
        return Uni.createFrom().item(new Applied(true, null));
      }
      return facts.apply(conn, event, locked.container())
          .flatMap(change -> records.write(conn, change).replaceWith(new Applied(true, change.committed())));
    }));
  }
}
