package io.berth.node.task;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Watches the monitor's exit directory (inotify via WatchService) and completes a future per
 * container when its exit file {@code <dir>/<id>} appears. No waitpid involved.
 */
final class ExitWatcher implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(ExitWatcher.class);

  private final Path dir;
  private final WatchService watch;
  private final Map<String, CompletableFuture<Integer>> waiting = new ConcurrentHashMap<>();
  private final Thread thread;

  ExitWatcher(Path dir) throws IOException {
    this.dir = dir;
    Files.createDirectories(dir);
    this.watch = dir.getFileSystem().newWatchService();
    dir.register(watch, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY);
    this.thread = new Thread(this::loop, "berth-exit-watcher");
    thread.setDaemon(true);
    thread.start();
  }

  /** The exit status recorded for {@code id}, empty when there is none (yet). */
  OptionalInt read(String id) throws IOException {
    try {
      String s = Files.readString(dir.resolve(id)).trim();
      return s.isEmpty() ? OptionalInt.empty() : OptionalInt.of(Integer.parseInt(s));
    } catch (NoSuchFileException e) {
      return OptionalInt.empty();
    }
  }

  CompletableFuture<Integer> onExit(String id) {
    CompletableFuture<Integer> f = waiting.computeIfAbsent(id, k -> new CompletableFuture<>());
    check(id); // registered first, so an exit between the two steps is not missed
    return f;
  }

  void forget(String id) throws IOException {
    waiting.remove(id);
    Files.deleteIfExists(dir.resolve(id));
  }

  private void check(String id) {
    CompletableFuture<Integer> f = waiting.get(id);
    if (f == null) {
      return;
    }
    try {
      OptionalInt status = read(id);
      if (status.isPresent()) {
        waiting.remove(id, f);
        f.complete(status.getAsInt());
      }
    } catch (IOException | NumberFormatException e) {
      LOG.debugf("exit file of %s not readable yet: %s", id, e.getMessage()); // next event retries
    }
  }

  private void loop() {
    try {
      while (true) {
        WatchKey key = watch.take();
        for (WatchEvent<?> event : key.pollEvents()) {
          if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
            waiting.keySet().forEach(this::check);
          } else {
            check(event.context().toString());
          }
        }
        key.reset();
      }
    } catch (InterruptedException | ClosedWatchServiceException e) {
      // closing
    }
  }

  @Override
  public void close() throws IOException {
    watch.close();
  }
}
