package io.berth.gateway.stream;

import io.vertx.core.http.HttpServerResponse;

/**
 * Writes to a streaming response from a reader thread (Vert.x 4 responses may be written from
 * any thread) and waits while the client is slower than the source, so a replay of history never
 * piles up in the heap.
 */
public final class BlockingWriter {
  private BlockingWriter() {}

  /** Writes {@code text} unless the client is gone; returns once the write queue has room. */
  public static void write(HttpServerResponse resp, String text) {
    if (resp.closed()) {
      return;
    }
    resp.write(text);
    while (resp.writeQueueFull() && !resp.closed()) {
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
