package io.berth.image.build.run;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads Docker's multiplexed output stream (each frame: stream byte, three zero bytes, big-endian
 * payload length, payload) and hands stdout and stderr on as text the moment each frame arrives.
 * A character split across frames is decoded whole, once its last byte is in.
 *
 * @see <a href="https://docs.docker.com/reference/api/engine/version/v1.47/#tag/Container/operation/ContainerAttach">Stream format</a>
 */
final class OutputFrames {
  private OutputFrames() {}

  /** Reads {@code in} to its end, passing text to {@code output}; a raw (TTY) stream if not multiplexed. */
  static void copy(InputStream in, boolean multiplexed, Consumer<String> output) throws IOException {
    Utf8Text text = new Utf8Text(output);
    if (!multiplexed) {
      byte[] buf = new byte[8192];
      for (int n; (n = in.read(buf)) > 0; ) {
        text.accept(buf, n);
      }
      text.flush();
      return;
    }
    byte[] header = new byte[8];
    while (in.readNBytes(header, 0, 8) == 8) {
      int length = ((header[4] & 0xff) << 24) | ((header[5] & 0xff) << 16) | ((header[6] & 0xff) << 8) | (header[7] & 0xff);
      if (length < 0) {
        throw new IOException("malformed output frame of length " + Integer.toUnsignedString(length));
      }
      byte[] payload = in.readNBytes(length);
      text.accept(payload, payload.length);
      if (payload.length < length) {
        break;
      }
    }
    text.flush();
  }

  /** Incremental UTF-8 decoding: bytes of an unfinished character wait for the next chunk. */
  private static final class Utf8Text {
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
    private final Consumer<String> output;
    private ByteBuffer pending = ByteBuffer.allocate(0);

    Utf8Text(Consumer<String> output) {
      this.output = output;
    }

    void accept(byte[] bytes, int length) {
      ByteBuffer in = ByteBuffer.allocate(pending.remaining() + length);
      in.put(pending).put(bytes, 0, length).flip();
      CharBuffer out = CharBuffer.allocate(in.remaining() + 1);
      decoder.decode(in, out, false);
      pending = in;
      emit(out);
    }

    void flush() {
      CharBuffer out = CharBuffer.allocate(pending.remaining() + 1);
      decoder.decode(pending, out, true);
      decoder.flush(out);
      pending = ByteBuffer.allocate(0);
      emit(out);
    }

    private void emit(CharBuffer out) {
      out.flip();
      if (out.hasRemaining()) {
        output.accept(out.toString());
      }
    }
  }
}
