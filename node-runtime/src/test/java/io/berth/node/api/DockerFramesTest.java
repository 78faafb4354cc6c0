package io.berth.node.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.berth.node.task.LogEntry;
import io.vertx.core.buffer.Buffer;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DockerFramesTest {

  @Test
  void stderrLineIsFramedWithStreamTwoAndItsLength() {
    Buffer frame = DockerFrames.frame(new LogEntry(Instant.EPOCH, LogEntry.Stream.STDERR, "oops"), false);
    assertEquals(8 + 5, frame.length());
    assertEquals(2, frame.getByte(0));
    assertEquals(0, frame.getByte(1) | frame.getByte(2) | frame.getByte(3));
    assertEquals(5, frame.getInt(4));
    assertEquals("oops\n", frame.getString(8, frame.length()));
  }

  @Test
  void timestampsComeFirstLikeDockerLogsT() {
    Buffer frame = DockerFrames.frame(
        new LogEntry(Instant.parse("2026-11-28T06:00:00.123456789Z"), LogEntry.Stream.STDOUT, "hi"), true);
    assertEquals(1, frame.getByte(0));
    assertEquals("2026-11-28T06:00:00.123456789Z hi\n", frame.getString(8, frame.length()));
  }
}
