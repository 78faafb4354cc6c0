package io.berth.node.task;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * Rotates the logs of containers whose bundle records a {@link LogRotation} with more than one
 * file. Only renames and a reopen request happen here: conmon keeps writing the log, so a
 * node-runtime crash stops no container and loses no output (the log just grows past max-size
 * until node-runtime is back and rotates it). Bundles are rescanned every second, so containers
 * started by an earlier node-runtime are rotated too.
 */
public final class LogRotator implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(LogRotator.class);
  static final long CHECK_MILLIS = 250;
  private static final int RESCAN_EVERY = 4;

  private final Path bundlesRoot;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "berth-log-rotator");
    t.setDaemon(true);
    return t;
  });
  private Map<Path, LogRotation> watched = Map.of();
  private int ticks;

  public LogRotator(Path bundlesRoot) {
    this.bundlesRoot = bundlesRoot;
  }

  /** Starts checking every {@value #CHECK_MILLIS} ms. */
  public LogRotator start() {
    timer.scheduleWithFixedDelay(this::tick, 0, CHECK_MILLIS, TimeUnit.MILLISECONDS);
    return this;
  }

  private void tick() {
    try {
      if (ticks++ % RESCAN_EVERY == 0) {
        watched = scan();
      }
      rotateFull();
    } catch (IOException | RuntimeException e) {
      LOG.debugf("log rotation pass failed: %s", e.getMessage());
    }
  }

  /** Rotates every watched log that reached its maximum size; returns how many were rotated. */
  int rotateFull() {
    int rotated = 0;
    for (Map.Entry<Path, LogRotation> e : watched.entrySet()) {
      Path bundle = e.getKey();
      try {
        if (e.getValue().rotateIfFull(bundle.resolve("container.log"), bundle.resolve("ctl"))) {
          rotated++;
        }
      } catch (IOException ex) {
        LOG.debugf("rotating the log in %s: %s", bundle, ex.getMessage()); // e.g. removed meanwhile
      }
    }
    return rotated;
  }

  /** The bundles whose logs are rotated here (max-file above 1). */
  Map<Path, LogRotation> scan() throws IOException {
    Map<Path, LogRotation> out = new HashMap<>();
    if (!Files.isDirectory(bundlesRoot)) {
      return out;
    }
    try (DirectoryStream<Path> dirs = Files.newDirectoryStream(bundlesRoot)) {
      for (Path dir : dirs) {
        Optional<LogRotation> r = LogRotation.read(dir);
        if (r.isPresent() && !r.get().byMonitor()) {
          out.put(dir, r.get());
        }
      }
    }
    return out;
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
