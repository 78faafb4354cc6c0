package io.berth.node.api;

import io.berth.node.task.LogEntry;
import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;

/**
 * Docker's multiplexed stream framing: an 8-byte header (stream 1 = stdout, 2 = stderr, three
 * zero bytes, big-endian payload length) before each chunk of output.
 */
public final class DockerFrames {
  public static final String MEDIA_TYPE = "application/vnd.docker.multiplexed-stream";

  private DockerFrames() {}

  /** One log line as a frame, with Docker's RFC3339Nano timestamp prefix when asked for. */
  public static Buffer frame(LogEntry entry, boolean timestamps) {
    String text = (timestamps ? DateTimeFormatter.ISO_INSTANT.format(entry.time()) + " " : "") + entry.line() + "\n";
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    Buffer frame = Buffer.buffer(8 + payload.length);
    frame.appendByte((byte) (entry.stream() == LogEntry.Stream.STDERR ? 2 : 1));
    frame.appendByte((byte) 0).appendByte((byte) 0).appendByte((byte) 0);
    frame.appendInt(payload.length);
    frame.appendBytes(payload);
    return frame;
  }
}
