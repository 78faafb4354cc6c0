package io.berth.node.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.container.v1.ContainerLogConfig;
import io.berth.node.linux.LibC;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** json-file's max-size/max-file on conmon's k8s-file log: files, rotation, reading across them. */
class LogRotationTest {
  @TempDir Path bundle;

  private static String record(int i) {
    return "2026-01-01T00:00:%02d.000000000+00:00 stdout F line-%d\n".formatted(i % 60, i);
  }

  private void append(Path log, int from, int to) throws Exception {
    StringBuilder sb = new StringBuilder();
    for (int i = from; i < to; i++) {
      sb.append(record(i));
    }
    Files.writeString(log, sb, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
  }

  private static List<String> lines(Path log) throws Exception {
    return LogReader.readAll(log).stream().map(LogEntry::line).toList();
  }

  @Test
  void configIsKeptInTheBundleAndOneFileIsLeftToTheMonitor() throws Exception {
    LogRotation.write(bundle, new ContainerLogConfig(10240L, 3));
    assertEquals(Optional.of(new LogRotation(10240, 3)), LogRotation.read(bundle));
    assertFalse(LogRotation.read(bundle).orElseThrow().byMonitor());
    LogRotation.write(bundle, new ContainerLogConfig(10240L, 1));
    assertTrue(LogRotation.read(bundle).orElseThrow().byMonitor());
    LogRotation.write(bundle, null);
    assertEquals(Optional.empty(), LogRotation.read(bundle));
  }

  @Test
  void rotationKeepsMaxFilesAndReadingIsInOrderAcrossThem() throws Exception {
    Path log = bundle.resolve("container.log");
    LogRotation r = new LogRotation(200, 3);
    Path ctl = bundle.resolve("ctl");
    LibC.INSTANCE.mknod(ctl.toString(), LibC.S_IFIFO | 0600, 0);
    // Opened read-write, the FIFO has a reader: a monitor that is still running.
    try (var monitor = new java.io.RandomAccessFile(ctl.toFile(), "rw")) {
      append(log, 0, 2);
      assertFalse(r.rotateIfFull(log, ctl), "under max-size");
      for (int round = 0; round < 5; round++) {
        append(log, 2 + round * 10, 12 + round * 10);
        assertTrue(r.rotateIfFull(log, ctl));
      }
    }
    append(log, 52, 55);
    assertEquals(List.of(LogRotation.rotated(log, 2), LogRotation.rotated(log, 1), log), LogRotation.files(log));
    assertFalse(Files.exists(LogRotation.rotated(log, 3)));
    List<String> expected = java.util.stream.IntStream.range(32, 55).mapToObj(i -> "line-" + i).toList();
    assertEquals(expected, lines(log));
  }

  @Test
  void aLogNobodyWritesAnyMoreIsNotRotated() throws Exception {
    Path log = bundle.resolve("container.log");
    append(log, 0, 20);
    Path ctl = bundle.resolve("ctl");
    assertFalse(new LogRotation(100, 2).rotateIfFull(log, ctl), "no FIFO: the monitor is gone");
    LibC.INSTANCE.mknod(ctl.toString(), LibC.S_IFIFO | 0600, 0);
    assertFalse(new LogRotation(100, 2).rotateIfFull(log, ctl), "a FIFO without a reader: the monitor exited");
    assertEquals(List.of(log), LogRotation.files(log));
    assertEquals(20, lines(log).size());
  }

  @Test
  void theMonitorIsAskedToReopenItsLogThroughTheCtlFifo() throws Exception {
    Path ctl = bundle.resolve("ctl");
    LibC.INSTANCE.mknod(ctl.toString(), LibC.S_IFIFO | 0600, 0);
    CompletableFuture<String> read = CompletableFuture.supplyAsync(() -> {
      try (var in = Files.newInputStream(ctl)) {
        return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      } catch (Exception e) {
        throw new RuntimeException(e);
      }
    });
    Path log = bundle.resolve("container.log");
    // The reader opens the FIFO in the background: retry until the non-blocking open finds it.
    append(log, 0, 20);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!read.isDone() && System.nanoTime() < deadline) {
      append(log, 0, 20);
      new LogRotation(100, 2).rotateIfFull(log, ctl);
      Thread.sleep(20);
    }
    assertTrue(read.get(10, TimeUnit.SECONDS).startsWith("2 0 0\n"));
  }

  @Test
  void followDrainsTheRotatedFileThenFollowsTheNewLog() throws Exception {
    Path log = bundle.resolve("container.log");
    append(log, 0, 3);
    try (LogReader reader = new LogReader(log)) {
      for (int i = 0; i < 3; i++) {
        assertEquals("line-" + i, reader.next(1000).orElseThrow().line());
      }
      Files.move(log, LogRotation.rotated(log, 1));
      append(LogRotation.rotated(log, 1), 3, 5); // the monitor writes on until it reopens
      assertEquals("line-3", reader.next(100).orElseThrow().line());
      append(log, 5, 7); // reopened: a new file
      append(LogRotation.rotated(log, 1), 0, 0);
      for (int i = 4; i < 7; i++) {
        assertEquals("line-" + i, reader.next(1000).orElseThrow().line());
      }
      append(log, 7, 8);
      assertEquals("line-7", reader.next(1000).orElseThrow().line());
    }
  }

  @Test
  void rotatorWatchesOnlyBundlesItRotates() throws Exception {
    Path root = bundle.resolve("bundles");
    Path a = Files.createDirectories(root.resolve("a"));
    Path b = Files.createDirectories(root.resolve("b"));
    Files.createDirectories(root.resolve("c"));
    LogRotation.write(a, new ContainerLogConfig(100L, 2));
    LogRotation.write(b, new ContainerLogConfig(100L, 1));
    try (LogRotator rotator = new LogRotator(root)) {
      assertEquals(java.util.Set.of(a), rotator.scan().keySet());
    }
  }
}
