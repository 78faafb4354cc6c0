package io.berth.node.task;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads conmon's k8s-file log ({@code <RFC3339Nano> stdout|stderr F|P <text>}) back into lines,
 * joining partial (P) records; {@link #next} tails the file as it grows (follow mode).
 */
public final class LogReader implements AutoCloseable {
  private final RandomAccessFile file;
  private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
  private final StringBuilder partial = new StringBuilder();
  private final byte[] buf = new byte[8192];
  private int bufPos;
  private int bufLen;

  public LogReader(Path log) throws IOException {
    this.file = new RandomAccessFile(log.toFile(), "r");
  }

  /** All complete lines of a log file as it is now. */
  public static List<LogEntry> readAll(Path log) throws IOException {
    List<LogEntry> out = new ArrayList<>();
    try (LogReader reader = new LogReader(log)) {
      Optional<LogEntry> e;
      while ((e = reader.poll()).isPresent()) {
        out.add(e.get());
      }
    }
    return out;
  }

  /** The next line if one is complete in the file now, otherwise empty (call again later). */
  public Optional<LogEntry> poll() throws IOException {
    String record;
    while ((record = nextRecord()) != null) {
      Optional<LogEntry> entry = parse(record);
      if (entry.isPresent()) {
        return entry;
      }
    }
    return Optional.empty();
  }

  /** Waits up to {@code timeoutMillis} for the next line, polling the growing file. */
  public Optional<LogEntry> next(long timeoutMillis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
    while (true) {
      Optional<LogEntry> e = poll();
      if (e.isPresent() || System.nanoTime() >= deadline) {
        return e;
      }
      Thread.sleep(20);
    }
  }

  /** Parses one record; partial records are buffered until their final (F) piece. */
  private Optional<LogEntry> parse(String record) throws IOException {
    int s1 = record.indexOf(' ');
    int s2 = s1 < 0 ? -1 : record.indexOf(' ', s1 + 1);
    int s3 = s2 < 0 ? -1 : record.indexOf(' ', s2 + 1);
    if (s3 < 0 && s2 > 0 && record.length() == s2 + 2) {
      s3 = record.length(); // an empty line: "<time> stdout F"
    }
    if (s3 < 0) {
      throw new IOException("malformed log record: " + record);
    }
    String tag = record.substring(s2 + 1, Math.min(s3, record.length()));
    String text = s3 >= record.length() ? "" : record.substring(s3 + 1);
    partial.append(text);
    if (tag.startsWith("P")) {
      return Optional.empty();
    }
    String line = partial.toString();
    partial.setLength(0);
    LogEntry.Stream stream =
        record.substring(s1 + 1, s2).equals("stderr") ? LogEntry.Stream.STDERR : LogEntry.Stream.STDOUT;
    return Optional.of(
        new LogEntry(OffsetDateTime.parse(record.substring(0, s1)).toInstant(), stream, line));
  }

  /** The next newline-terminated record, or null when the file has no complete one yet. */
  private String nextRecord() throws IOException {
    while (true) {
      if (bufPos == bufLen) {
        bufLen = file.read(buf);
        bufPos = 0;
        if (bufLen <= 0) {
          bufLen = 0;
          return null;
        }
      }
      for (int i = bufPos; i < bufLen; i++) {
        if (buf[i] == '\n') {
          pendingBytes.write(buf, bufPos, i - bufPos);
          bufPos = i + 1;
          String s = pendingBytes.toString(StandardCharsets.UTF_8);
          pendingBytes.reset();
          return s;
        }
      }
      pendingBytes.write(buf, bufPos, bufLen - bufPos);
      bufPos = bufLen;
    }
  }

  @Override
  public void close() throws IOException {
    file.close();
  }
}
