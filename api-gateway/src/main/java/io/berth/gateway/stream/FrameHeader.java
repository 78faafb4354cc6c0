package io.berth.gateway.stream;

import io.vertx.core.buffer.Buffer;
import java.nio.charset.StandardCharsets;

/**
 * Docker's multiplexed-stream frame header: stream (0 stdin, 1 stdout, 2 stderr), three zero
 * bytes, then the payload length as a big-endian unsigned 32-bit integer.
 */
public record FrameHeader(int stream, long length) {

  public static final int SIZE = 8;
  public static final int STDOUT = 1;
  public static final int STDERR = 2;

  public FrameHeader {
    if (stream < 0 || stream > 3) {
      throw new IllegalArgumentException("stream must be 0..3, was " + stream);
    }
    if (length < 0 || length > 0xFFFF_FFFFL) {
      throw new IllegalArgumentException("frame length out of range: " + length);
    }
  }

  /** The 8 header bytes. */
  public byte[] bytes() {
    return new byte[] {
      (byte) stream, 0, 0, 0,
      (byte) (length >>> 24), (byte) (length >>> 16), (byte) (length >>> 8), (byte) length
    };
  }

  /** Reads the header at the start of {@code b} (at least 8 bytes). */
  public static FrameHeader parse(byte[] b) {
    if (b.length < SIZE) {
      throw new IllegalArgumentException("a frame header has 8 bytes, got " + b.length);
    }
    long length =
        ((b[4] & 0xFFL) << 24) | ((b[5] & 0xFFL) << 16) | ((b[6] & 0xFFL) << 8) | (b[7] & 0xFFL);
    return new FrameHeader(b[0] & 0xFF, length);
  }

  /** One whole frame carrying {@code text} on {@code stream}. */
  public static Buffer frame(int stream, String text) {
    byte[] payload = text.getBytes(StandardCharsets.UTF_8);
    return Buffer.buffer(new FrameHeader(stream, payload.length).bytes()).appendBytes(payload);
  }
}
