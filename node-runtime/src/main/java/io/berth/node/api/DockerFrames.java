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
    return frame(entry.stream() == LogEntry.Stream.STDERR ? 2 : 1, payload, payload.length);
  }

  /** The first {@code length} bytes of {@code payload} as one frame of {@code stream} (1 or 2). */
  public static Buffer frame(int stream, byte[] payload, int length) {
    Buffer frame = Buffer.buffer(8 + length);
    frame.appendByte((byte) stream);
    frame.appendByte((byte) 0).appendByte((byte) 0).appendByte((byte) 0);
    frame.appendInt(length);
    frame.appendBytes(payload, 0, length);
    return frame;
  }
}
