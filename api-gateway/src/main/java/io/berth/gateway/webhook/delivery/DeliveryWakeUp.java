package io.berth.gateway.webhook.delivery;

import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;

/**
 * The delivery worker's doorbell. {@link #wake()} says deliveries wait in the outbox for a claim
 * (queued behind others of their object, a test ping, a redelivery); {@link #ring()} only says a
 * send completed and wants recording. The worker also claims on its poll interval, for due
 * retries and for deliveries another replica queued.
 */
@ApplicationScoped
public class DeliveryWakeUp {
  private boolean rung;
  private boolean claimAsked;

  /** Deliveries wait to be claimed: the worker should look soon. */
  public synchronized void wake() {
    claimAsked = true;
    ring();
  }

  /** Something for the worker to record; nothing new to claim. */
  public synchronized void ring() {
    rung = true;
    notifyAll();
  }

  /** Waits until rung or {@code max} passed; clears the bell (not a claim request). */
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

  /** Whether a claim was asked for since the last call; clears the request. */
  public synchronized boolean takeClaimRequest() {
    boolean asked = claimAsked;
    claimAsked = false;
    return asked;
  }
}
