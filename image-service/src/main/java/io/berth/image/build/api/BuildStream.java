package io.berth.image.build.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's build message stream: one JSON object per line, flushed at once so the CLI shows each
 * step live. {@code stream} carries the text the CLI prints, {@code aux} the image id, {@code
 * errorDetail}/{@code error} a failure (always the last message).
 */
public class BuildStream {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OutputStream out;
  private final boolean quiet;
  private boolean failed;

  /** @param quiet {@code q=1}: only the result (or the error) is sent, as dockerd does */
  public BuildStream(OutputStream out, boolean quiet) {
    this.out = out;
    this.quiet = quiet;
  }

  /** Text for the CLI's output (a step line, RUN output, "Successfully built ..."). */
  public void stream(String text) {
    if (!quiet) {
      write(Map.of("stream", text));
    }
  }

  /** Text sent even in quiet mode (the resulting image id). */
  public void result(String text) {
    write(Map.of("stream", text));
  }

  /** {@code {"aux":{"ID":"sha256:..."}}}: how the CLI learns the image id (--iidfile, -q). */
  public void imageId(String id) {
    write(Map.of("aux", Map.of("ID", id)));
  }

  /** The failure; {@code code} is the failing command's exit code, or 1. */
  public void error(int code, String message) {
    failed = true;
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("code", code);
    detail.put("message", message);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("errorDetail", detail);
    m.put("error", message);
    write(m);
  }

  public boolean failed() {
    return failed;
  }

  private void write(Map<String, ?> message) {
    try {
      synchronized (out) {
        out.write(JSON.writeValueAsBytes(message));
        out.write('\r');
        out.write('\n');
        out.flush();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away", e);
    }
  }
}
