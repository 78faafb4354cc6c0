package io.berth.gateway.webhook.delivery;

import io.berth.gateway.webhook.WebhookConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * Drains the delivery outbox as a pipeline. Fresh deliveries arrive claimed from the dispatcher
 * and go straight to the sender threads ({@link #send}). The rest (an object's later events while
 * an earlier one is in flight, retries, pings, redeliveries, another replica's leftovers) are
 * claimed here: due deliveries, at most one per subscription and object so an object's events go
 * out in order, whenever there is room for more in flight. Attempts completed since the last pass
 * are recorded in one transaction, with their retries and subscriptions that keep failing
 * disabled. A slow receiver holds up only its own deliveries. One loop thread per process;
 * replicas share the work through row locks and leases.
 */
@ApplicationScoped
public class DeliveryWorker {
  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);
  /** Deliveries handed over at dispatch may reach this many claim rounds in flight. */
  private static final int HAND_OVER_ROUNDS = 10;

  /** A claimed delivery and the outcome of its attempt. */
  private record Sent(Delivery delivery, Attempt attempt) {}

  private final WebhookConfig config;
  private final DeliveryRepository repository;
  private final WebhookSender sender;
  private final SubscriptionDisabler disabler;
  private final DeliveryWakeUp wakeUp;
  private final RetryPolicy policy;
  private final Queue<Sent> completed = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private ExecutorService senders;
  private Thread loop;
  private volatile boolean running;

  public DeliveryWorker(WebhookConfig config, DeliveryRepository repository, WebhookSender sender,
      SubscriptionDisabler disabler, DeliveryWakeUp wakeUp) {
    this.config = config;
    this.repository = repository;
    this.sender = sender;
    this.disabler = disabler;
    this.wakeUp = wakeUp;
    this.policy = new RetryPolicy(config.initialBackoff(), config.maxBackoff());
  }

  void start(@Observes StartupEvent event) {
    if (!config.workerEnabled()) {
      LOG.info("webhook delivery worker disabled (berth.webhooks.worker-enabled=false)");
      return;
    }
    senders = Executors.newFixedThreadPool(config.senders(), r -> {
      Thread t = new Thread(r, "webhook-sender");
      t.setDaemon(true);
      return t;
    });
    running = true;
    loop = new Thread(this::run, "webhook-delivery");
    loop.setDaemon(true);
    loop.start();
  }

  void stop(@Observes ShutdownEvent event) {
    running = false;
    if (loop != null) {
      loop.interrupt();
      senders.shutdownNow();
    }
  }

  private void run() {
    // Whether deliveries may wait in the outbox for a claim: at start (left by an earlier run),
    // when asked, and on every poll interval. Cleared once a claim finds nothing with nothing in
    // flight, so a burst of deliveries handed over at dispatch does not walk the outbox per round.
    boolean waiting = true;
    long lastClaim = System.nanoTime() - config.pollInterval().toNanos();
    while (running) {
      try {
        int recorded = recordCompleted();
        boolean asked = wakeUp.takeClaimRequest();
        boolean pollDue = System.nanoTime() - lastClaim >= config.pollInterval().toNanos();
        waiting |= asked || pollDue;
        int claimed = 0;
        // Recording may have finished the delivery an object's next one waited for.
        if (waiting && (asked || pollDue || recorded > 0)) {
          claimed = claimAndSend();
          lastClaim = System.nanoTime();
          if (claimed == 0 && inFlight.get() == 0 && completed.isEmpty()) {
            waiting = false;
          }
        }
        if (recorded == 0 && claimed == 0) {
          wakeUp.await(config.pollInterval());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        // The database may be restarting: completed attempts stay queued here, claimed rows
        // that were never sent come back when their lease ends.
        LOG.warnf("webhook delivery pass failed: %s", e.toString());
        try {
          Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /**
   * How many deliveries the dispatcher may claim for this process as it queues them and hand over
   * at once ({@link #send}); 0 when this process does not deliver. Beyond it they wait in the
   * outbox for a claim, so a slow receiver cannot pile them up in memory.
   */
  public int handOverRoom() {
    return running ? Math.max(0, config.batchSize() * HAND_OVER_ROUNDS - inFlight.get()) : 0;
  }

  /** Sends deliveries already claimed for this process (by the dispatcher, as it queued them). */
  public void send(List<Delivery> claimed) {
    for (Delivery d : claimed) {
      submit(d);
    }
  }

  /**
   * Claims as many due deliveries as there is room for in flight and starts sending them; waits
   * for at least half a batch of room while sends are in flight: many small claims, each walking
   * the pending rows, made a burst slower than whole rounds did.
   */
  private int claimAndSend() {
    int busy = inFlight.get();
    int room = config.batchSize() - busy;
    if (room <= 0 || (busy > 0 && room < config.batchSize() / 2)) {
      return 0;
    }
    List<Delivery> claimed = repository.claim(room, config.lease()).await().atMost(Duration.ofSeconds(30));
    send(claimed);
    return claimed.size();
  }

  private void submit(Delivery d) {
    inFlight.incrementAndGet();
    try {
      senders.execute(() -> {
        Attempt attempt;
        try {
          attempt = sender.send(d);
        } catch (RuntimeException e) {
          attempt = new Attempt(Instant.now(), null, 0, null, e.toString());
        }
        completed.add(new Sent(d, attempt));
        inFlight.decrementAndGet();
        wakeUp.ring();
      });
    } catch (RejectedExecutionException e) {
      // Shutting down: the row's lease runs out and a claim sends it later.
      inFlight.decrementAndGet();
    }
  }

  /** Records every attempt completed so far in one transaction; how many. */
  private int recordCompleted() {
    List<Delivery> deliveries = new ArrayList<>();
    List<Attempt> attempts = new ArrayList<>();
    for (Sent s = completed.peek(); s != null && deliveries.size() < config.batchSize(); s = completed.peek()) {
      deliveries.add(s.delivery());
      attempts.add(s.attempt());
      completed.poll();
    }
    if (deliveries.isEmpty()) {
      return 0;
    }
    List<DeliveryRepository.Failing> failing;
    try {
      failing = repository.record(deliveries, attempts, policy, config.retryFor()).await().atMost(Duration.ofSeconds(30));
    } catch (RuntimeException e) {
      // Not lost: back in the queue for the next pass (the lease keeps others off them meanwhile).
      for (int i = 0; i < deliveries.size(); i++) {
        completed.add(new Sent(deliveries.get(i), attempts.get(i)));
      }
      throw e;
    }
    Instant now = Instant.now();
    for (DeliveryRepository.Failing f : failing) {
      if (disabler.due(f, now)) {
        String lastError = lastError(deliveries, attempts, f);
        try {
          VertxContextSupport.subscribeAndAwait(() -> disabler.disable(f, lastError));
        } catch (Throwable e) {
          LOG.warnf("could not disable webhook %s: %s", f.subscriptionId(), e.toString());
        }
      }
    }
    return deliveries.size();
  }

  private static String lastError(List<Delivery> deliveries, List<Attempt> attempts, DeliveryRepository.Failing f) {
    String last = null;
    for (int i = 0; i < deliveries.size(); i++) {
      if (deliveries.get(i).subscriptionId().equals(f.subscriptionId()) && !attempts.get(i).succeeded()) {
        last = attempts.get(i).describe();
      }
    }
    return last;
  }
}
