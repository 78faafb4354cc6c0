package io.berth.node.exec;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * A non-TTY exec: the runtime's {@code exec} in the foreground with stdio as pipes; stdout and
 * stderr stay apart (Docker frames them as streams 1 and 2), stdin is written by one thread so a
 * process that does not read cannot block the caller.
 */
final class PipedExec implements ExecIo {
  private static final Logger LOG = Logger.getLogger(PipedExec.class);

  private final Process process;
  private final ExecutorService stdinWriter;
  private final CompletableFuture<Integer> done = new CompletableFuture<>();

  PipedExec(Process process, Sink sink, Runnable cleanup) {
    this.process = process;
    this.stdinWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "berth-exec-stdin"));
    Thread out = daemon(() -> copy(process.getInputStream(), STDOUT, sink), "berth-exec-out");
    Thread err = daemon(() -> copy(process.getErrorStream(), STDERR, sink), "berth-exec-err");
    out.start();
    err.start();
    daemon(() -> {
      int code;
      try {
        code = process.waitFor();
        out.join();
        err.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        code = -1;
      }
      stdinWriter.shutdownNow();
      cleanup.run();
      done.complete(code);
    }, "berth-exec-wait").start();
  }

  @Override
  public void stdin(byte[] bytes) {
    stdinWriter.execute(() -> {
      try {
        OutputStream in = process.getOutputStream();
        in.write(bytes);
        in.flush();
      } catch (IOException e) {
        LOG.debugf("exec stdin: %s", e.getMessage()); // the process closed its stdin or ended
      }
    });
  }

  @Override
  public void closeStdin() {
    stdinWriter.execute(() -> {
      try {
        process.getOutputStream().close();
      } catch (IOException e) {
        LOG.debugf("exec stdin close: %s", e.getMessage());
      }
    });
  }

  @Override
  public CompletableFuture<Integer> done() {
    return done;
  }

  private static void copy(InputStream in, int stream, Sink sink) {
    byte[] buf = new byte[32 * 1024];
    try (in) {
      int n;
      while ((n = in.read(buf)) > 0) {
        sink.write(stream, buf, n);
      }
    } catch (IOException e) {
      LOG.debugf("exec output: %s", e.getMessage());
    }
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
