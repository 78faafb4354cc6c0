package io.berth.node.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A blocking OutputStream over a chunked Vert.x response, for tar streams written on a worker
 * thread: each 64 KiB chunk waits until Vert.x wrote it, so a slow client slows the writer down
 * instead of piling the whole archive up in memory.
 */
final class ResponseOutputStream extends OutputStream {
  private static final int CHUNK = 64 * 1024;
  private static final long WRITE_TIMEOUT_SECONDS = 120;

  private final HttpServerResponse response;
  private final byte[] buf = new byte[CHUNK];
  private int used;

  ResponseOutputStream(HttpServerResponse response) {
    this.response = response;
  }

  @Override
  public void write(int b) throws IOException {
    if (used == CHUNK) {
      send();
    }
    buf[used++] = (byte) b;
  }

  @Override
  public void write(byte[] b, int off, int len) throws IOException {
    while (len > 0) {
      if (used == CHUNK) {
        send();
      }
      int n = Math.min(len, CHUNK - used);
      System.arraycopy(b, off, buf, used, n);
      used += n;
      off += n;
      len -= n;
    }
  }

  @Override
  public void flush() throws IOException {
    send();
  }

  @Override
  public void close() throws IOException {
    send();
  }

  private void send() throws IOException {
    if (used == 0) {
      return;
    }
    if (response.closed()) {
      throw new IOException("client went away");
    }
    Buffer chunk = Buffer.buffer(used).appendBytes(buf, 0, used);
    used = 0;
    try {
      response.write(chunk).toCompletionStage().toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("writing to the client failed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
  }
}
