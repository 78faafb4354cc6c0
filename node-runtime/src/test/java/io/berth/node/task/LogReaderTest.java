package io.berth.node.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogReaderTest {
  @TempDir Path dir;

  @Test
  void parsesConmonK8sFileRecords() throws Exception {
    Path log = dir.resolve("c.log");
    Files.writeString(
        log,
        "2026-11-28T05:40:58.900955298+00:00 stdout F hello world\n"
            + "2026-11-28T05:40:58.901014857+00:00 stderr F err\n"
            + "2026-11-28T05:40:59.000000000+00:00 stdout P part one \n"
            + "2026-11-28T05:40:59.000000001+00:00 stdout F and two\n"
            + "2026-11-28T05:40:59.100000000Z stdout F\n");
    List<LogEntry> entries = LogReader.readAll(log);
    assertEquals(
        List.of(
            new LogEntry(Instant.parse("2026-11-28T05:40:58.900955298Z"), LogEntry.Stream.STDOUT, "hello world"),
            new LogEntry(Instant.parse("2026-11-28T05:40:58.901014857Z"), LogEntry.Stream.STDERR, "err"),
            new LogEntry(Instant.parse("2026-11-28T05:40:59.000000001Z"), LogEntry.Stream.STDOUT, "part one and two"),
            new LogEntry(Instant.parse("2026-11-28T05:40:59.100000000Z"), LogEntry.Stream.STDOUT, "")),
        entries);
  }

  @Test
  void aPartialPieceWaitsForTheRestOfItsOwnStream() throws Exception {
    // busybox sh writes "sh: " and the rest of an error in two writes; stdout is logged between them.
    Path log = dir.resolve("p.log");
    Files.writeString(
        log,
        "2026-11-28T05:40:59.000000000+00:00 stderr P sh: \n"
            + "2026-11-28T05:40:59.000000001+00:00 stdout F refused\n"
            + "2026-11-28T05:40:59.000000002+00:00 stderr F can't create /dev/b\n");
    assertEquals(
        List.of(
            new LogEntry(Instant.parse("2026-11-28T05:40:59.000000001Z"), LogEntry.Stream.STDOUT, "refused"),
            new LogEntry(Instant.parse("2026-11-28T05:40:59.000000002Z"), LogEntry.Stream.STDERR, "sh: can't create /dev/b")),
        LogReader.readAll(log));
  }

  @Test
  void followSeesLinesAppendedLaterAndWaitsForIncompleteOnes() throws Exception {
    Path log = dir.resolve("f.log");
    Files.writeString(log, "2026-01-01T00:00:00.000000001+00:00 stdout F first\n");
    try (LogReader reader = new LogReader(log)) {
      assertEquals("first", reader.next(1000).orElseThrow().line());
      assertTrue(reader.next(50).isEmpty());
      Files.writeString(log, "2026-01-01T00:00:01.000000000+00:00 stderr F sec", StandardOpenOption.APPEND);
      assertTrue(reader.next(50).isEmpty(), "no newline yet");
      Thread t =
          new Thread(
              () -> {
                try {
                  Thread.sleep(100);
                  Files.writeString(log, "ond\n", StandardOpenOption.APPEND);
                } catch (Exception e) {
                  throw new RuntimeException(e);
                }
              });
      t.start();
      LogEntry second = reader.next(2000).orElseThrow();
      assertEquals(new LogEntry(Instant.parse("2026-01-01T00:00:01Z"), LogEntry.Stream.STDERR, "second"), second);
      t.join();
    }
  }
}
