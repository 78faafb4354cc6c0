package io.berth.gateway.webhook.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The delivery worker's doorbell: rung after new deliveries commit in this process, so an event
 * goes out within milliseconds; the worker also wakes on its poll interval for due retries (and
 * for deliveries another replica queued).
 */
@ApplicationScoped
public class DeliveryWakeUp {
  private boolean rung;

  public synchronized void wake() {
    rung = true;
    notifyAll();
  }

  /** Waits until rung or {@code max} passed; clears the bell. */
  public synchronized void await(Duration max) throws InterruptedException {
    long deadline = System.nanoTime() + max.toNanos();
    while (!rung) {
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        break;
      }
      wait(Math.max(1, left / 1_000_000));
    }
    rung = false;
  }
}
