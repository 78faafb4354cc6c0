package io.berth.node.exec;

import java.util.concurrent.CompletableFuture;

/** A started exec's streams: stdin in, and its end (after all output was handed over). */
public interface ExecIo {
  /** Stream ids of Docker's multiplexed framing. */
  int STDOUT = 1;
  int STDERR = 2;

  /** Where output goes: stream id ({@link #STDOUT}/{@link #STDERR}) and bytes. */
  interface Sink {
    void write(int stream, byte[] bytes, int length);
  }

  /** Queues bytes for the process's stdin; never blocks the caller. */
  void stdin(byte[] bytes);

  /** The client has no more stdin: the process sees EOF. */
  void closeStdin();

  /** Resizes the exec's terminal; nothing for an exec without one. */
  default void resize(int rows, int columns) {}

  /** Completes with the exit code once the process ended and its output was written. */
  CompletableFuture<Integer> done();
}
