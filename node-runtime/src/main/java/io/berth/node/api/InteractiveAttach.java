package io.berth.node.api;

import io.berth.node.linux.SeqPacketSocket;
import io.berth.node.oci.ProcessStdio;
import io.berth.node.task.AttachPoint;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.io.IOException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * One client attached to an interactive task (-i and/or -t) through the task's monitor: output
 * comes from the monitor's attach socket (raw with a terminal, Docker-framed without), the
 * request body is the client's input, scanned for the detach keys. The client's end of input
 * ends the socket's output side: the monitor then closes the task's stdin if it is stdin-once.
 */
final class InteractiveAttach {
  private static final Logger LOG = Logger.getLogger(InteractiveAttach.class);
  private static final int POLL_MILLIS = 100;

  /** Which of the client's streams are attached. */
  record Streams(boolean stdin, boolean stdout, boolean stderr) {}

  private final SeqPacketSocket socket;
  private final ProcessStdio stdio;
  private final Streams streams;
  // One writer per client: a task that does not read its input must not block an event loop.
  private final ExecutorService input = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "berth-attach-stdin");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean detached;

  InteractiveAttach(SeqPacketSocket socket, ProcessStdio stdio, Streams streams) {
    this.socket = socket;
    this.stdio = stdio;
    this.streams = streams;
  }

  /** Relays until the task ended, the client detached or left; blocks the calling thread. */
  void relay(HttpServerRequest request, HttpServerResponse response, DetachKeys keys) {
    try {
      wireInput(request, keys);
      pumpOutput(response);
    } finally {
      input.shutdown();
      try {
        input.awaitTermination(1, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      socket.close();
    }
  }

  /** Reads and drops a request's body, if it still has one (a GET attach has none). */
  static void discardInput(HttpServerRequest request) {
    try {
      request.handler(b -> {});
      request.resume();
    } catch (IllegalStateException e) {
      // already read to its end: nothing to discard
    }
  }

  private void wireInput(HttpServerRequest request, DetachKeys keys) {
    if (!streams.stdin() || !stdio.openStdin() || request.method() != io.vertx.core.http.HttpMethod.POST) {
      discardInput(request);
      return;
    }
    try {
      wireScannedInput(request, keys.scanner());
    } catch (IllegalStateException e) {
      inputEnded(); // the body ended (empty) before the task began: its input is over
    }
  }

  private void wireScannedInput(HttpServerRequest request, DetachKeys.Scanner scanner) {
    boolean[] over = {false}; // event-loop side: input after the detach keys is not read
    request.handler(b -> {
      if (over[0]) {
        return;
      }
      DetachKeys.Scan scan = scanner.feed(b.getBytes());
      if (scan.forward().length > 0) {
        queue(() -> send(scan.forward()));
      }
      if (scan.detached()) {
        over[0] = true;
        queue(() -> detached = true); // after what came before the keys; the task runs on
      }
    });
    request.endHandler(v -> inputEnded());
    request.resume();
  }

  // As Docker: a stdin-once task without a terminal sees the end of its input (and the attach
  // streams on until it exits); any other task keeps its stdin and the attach ends here.
  private void inputEnded() {
    queue(() -> {
      if (detached) {
        return;
      }
      if (stdio.stdinOnce() && !stdio.tty()) {
        try {
          socket.shutdownOutput();
        } catch (IOException e) {
          LOG.debugf("attach input end: %s", e.getMessage());
        }
      } else {
        detached = true;
      }
    });
  }

  // After the attach ended, late input has nowhere to go.
  private void queue(Runnable work) {
    try {
      input.execute(work);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      LOG.debugf("attach input after the attach ended: dropped");
    }
  }

  private void send(byte[] bytes) {
    if (detached) {
      return;
    }
    try {
      socket.write(bytes);
    } catch (IOException e) {
      LOG.debugf("attach input: %s", e.getMessage()); // the task ended or closed its stdin
    }
  }

  private void pumpOutput(HttpServerResponse response) {
    try {
      while (!detached && !response.closed()) {
        byte[] packet = socket.read(POLL_MILLIS);
        if (packet == null) {
          return; // the monitor closed: the task ended and its output was sent
        }
        if (packet.length > 1) {
          write(response, packet);
        }
      }
    } catch (IOException e) {
      LOG.debugf("attach output: %s", e.getMessage());
    }
  }

  private void write(HttpServerResponse response, byte[] packet) {
    boolean err = packet[0] == AttachPoint.STDERR_PIPE;
    if (err ? !streams.stderr() : !streams.stdout()) {
      return;
    }
    if (stdio.tty()) {
      response.write(Buffer.buffer().appendBytes(packet, 1, packet.length - 1));
    } else {
      byte[] payload = java.util.Arrays.copyOfRange(packet, 1, packet.length);
      response.write(DockerFrames.frame(err ? 2 : 1, payload, payload.length));
    }
  }
}
