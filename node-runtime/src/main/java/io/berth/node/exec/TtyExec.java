package io.berth.node.exec;

import io.berth.node.linux.ConsoleSocket;
import io.berth.node.linux.Terminal;
import java.io.IOException;
import java.io.InputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * An exec with a terminal ({@code docker exec -t}): the runtime makes the pseudo-terminal inside
 * the container (so the process sees /dev/pts/N of its own devpts, a controlling tty, job control
 * and ^C) and hands its master end over the console socket; output is the raw terminal stream.
 */
final class TtyExec implements ExecIo {
  private static final Logger LOG = Logger.getLogger(TtyExec.class);
  private static final int POLL_MILLIS = 100;

  private final Process process;
  private final Terminal terminal;
  private final ExecutorService stdinWriter = Executors.newSingleThreadExecutor(r -> daemon(r, "berth-tty-stdin"));
  private final CompletableFuture<Integer> done = new CompletableFuture<>();

  /** Waits for the runtime to send the terminal; the socket is closed here in any case. */
  TtyExec(Process process, ConsoleSocket socket, Sink sink, Runnable cleanup) throws IOException {
    this.process = process;
    try (socket) {
      this.terminal = new Terminal(socket.receiveTerminal(process::isAlive));
    } catch (IOException e) {
      process.destroy();
      String why = new String(process.getErrorStream().readAllBytes()).strip();
      cleanup.run();
      throw new IOException(why.isEmpty() ? e.getMessage() : why, e);
    }
    Thread reader = daemon(() -> pump(sink), "berth-tty-out");
    reader.start();
    Thread runtimeErr = daemon(() -> forward(process.getErrorStream(), sink), "berth-tty-err");
    runtimeErr.start();
    daemon(() -> {
      int code;
      try {
        code = process.waitFor();
        reader.join();
        runtimeErr.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        code = -1;
      }
      stdinWriter.shutdownNow();
      terminal.close();
      cleanup.run();
      done.complete(code);
    }, "berth-tty-wait").start();
  }

  // Until every slave end closed (EIO), or the runtime ended and the terminal stayed quiet: a
  // background child that keeps the terminal open must not keep `docker exec` from returning.
  private void pump(Sink sink) {
    try {
      int quietAfterExit = 0;
      while (quietAfterExit < 2) {
        byte[] bytes = terminal.read(POLL_MILLIS);
        if (bytes == null) {
          return;
        }
        if (bytes.length > 0) {
          sink.write(STDOUT, bytes, bytes.length);
          quietAfterExit = 0;
        } else if (!process.isAlive()) {
          quietAfterExit++;
        }
      }
    } catch (IOException e) {
      LOG.debugf("exec terminal: %s", e.getMessage());
    }
  }

  // The runtime's own complaints (after the terminal was handed over) reach the user too.
  private static void forward(InputStream err, Sink sink) {
    try (err) {
      byte[] all = err.readAllBytes();
      if (all.length > 0) {
        sink.write(STDOUT, all, all.length);
      }
    } catch (IOException e) {
      LOG.debugf("exec runtime stderr: %s", e.getMessage());
    }
  }

  @Override
  public void stdin(byte[] bytes) {
    stdinWriter.execute(() -> {
      try {
        terminal.write(bytes);
      } catch (IOException e) {
        LOG.debugf("exec terminal input: %s", e.getMessage());
      }
    });
  }

  @Override
  public void closeStdin() {
    // A terminal has no end of input of its own: the user types exit or ^D, as with Docker.
  }

  @Override
  public void resize(int rows, int columns) {
    try {
      terminal.resize(rows, columns);
    } catch (IOException e) {
      LOG.debugf("exec terminal resize: %s", e.getMessage());
    }
  }

  @Override
  public CompletableFuture<Integer> done() {
    return done;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
