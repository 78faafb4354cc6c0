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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ExecutionException;
import org.jboss.logging.Logger;

/**
 * Drains the delivery outbox: claims the due deliveries (at most one per subscription and
 * object, so an object's events go out in order), sends them in parallel on the sender threads,
 * records every attempt, schedules retries and disables subscriptions that keep failing. One
 * loop thread per process; replicas share the work through row locks and leases.
 */
@ApplicationScoped
public class DeliveryWorker {
  private static final Logger LOG = Logger.getLogger(DeliveryWorker.class);

  private final WebhookConfig config;
  private final DeliveryRepository repository;
  private final WebhookSender sender;
  private final SubscriptionDisabler disabler;
  private final DeliveryWakeUp wakeUp;
  private final RetryPolicy policy;
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
    running = true;
    senders = Executors.newFixedThreadPool(config.senders(), r -> {
      Thread t = new Thread(r, "webhook-sender");
      t.setDaemon(true);
      return t;
    });
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
    while (running) {
      try {
        if (round() == 0) {
          wakeUp.await(config.pollInterval());
        }
      } catch (InterruptedException e) {
        return;
      } catch (RuntimeException e) {
        if (!running) {
          return;
        }
        // The database may be restarting: claimed rows come back when their lease ends.
        LOG.warnf("webhook delivery round failed: %s", e.toString());
        try {
          Thread.sleep(config.pollInterval().toMillis());
        } catch (InterruptedException ie) {
          return;
        }
      }
    }
  }

  /** One claim-send-record round; the number of deliveries attempted. */
  int round() throws InterruptedException {
    List<Delivery> claimed =
        repository.claim(config.batchSize(), config.lease()).await().atMost(Duration.ofSeconds(30));
    if (claimed.isEmpty()) {
      return 0;
    }
    List<Future<Attempt>> futures = new ArrayList<>();
    for (Delivery d : claimed) {
      futures.add(senders.submit(() -> sender.send(d)));
    }
    List<Attempt> attempts = new ArrayList<>();
    for (Future<Attempt> f : futures) {
      try {
        attempts.add(f.get());
      } catch (ExecutionException e) {
        attempts.add(new Attempt(Instant.now(), null, 0, null, String.valueOf(e.getCause())));
      }
    }
    List<DeliveryRepository.Failing> failing =
        repository.record(claimed, attempts, policy, config.retryFor()).await().atMost(Duration.ofSeconds(30));
    Instant now = Instant.now();
    for (DeliveryRepository.Failing f : failing) {
      if (disabler.due(f, now)) {
        String lastError = lastError(claimed, attempts, f);
        try {
          VertxContextSupport.subscribeAndAwait(() -> disabler.disable(f, lastError));
        } catch (Throwable e) {
          LOG.warnf("could not disable webhook %s: %s", f.subscriptionId(), e.toString());
        }
      }
    }
    return claimed.size();
  }

  private static String lastError(List<Delivery> claimed, List<Attempt> attempts, DeliveryRepository.Failing f) {
    String last = null;
    for (int i = 0; i < claimed.size(); i++) {
      if (claimed.get(i).subscriptionId().equals(f.subscriptionId())) {
        last = attempts.get(i).describe();
      }
    }
    return last;
  }
}
