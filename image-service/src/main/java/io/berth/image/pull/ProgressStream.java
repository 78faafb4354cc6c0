package io.berth.image.pull;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Docker's JSON progress stream (one object per line, flushed): {@code status}/{@code id} lines,
 * {@code progressDetail} for bars, {@code errorDetail} for a failure after the stream began.
 */
public final class ProgressStream {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final OutputStream out;

  public ProgressStream(OutputStream out) {
    this.out = out;
  }

  public void status(String status) {
    write(Map.of("status", status));
  }

  public void status(String id, String status) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("progressDetail", Map.of());
    m.put("id", id);
    write(m);
  }

  public void progress(String id, String status, long current, long total) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", status);
    m.put("progressDetail", Map.of("current", current, "total", total));
    m.put("id", id);
    write(m);
  }

  public void error(String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("errorDetail", Map.of("message", message));
    m.put("error", message);
    write(m);
  }

  /** Docker's closing line of a push: the pushed tag's digest and size for the CLI. */
  public void aux(Map<String, Object> aux) {
    write(Map.of("progressDetail", Map.of(), "aux", aux));
  }

  private void write(Map<String, ?> line) {
    try {
      out.write(JSON.writeValueAsBytes(line));
      out.write('\r');
      out.write('\n');
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away", e);
    }
  }
}
