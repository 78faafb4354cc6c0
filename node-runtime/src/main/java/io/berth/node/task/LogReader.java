package io.berth.node.task;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.Deque;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads conmon's k8s-file log ({@code <RFC3339Nano> stdout|stderr F|P <text>}) back into lines,
 * joining partial (P) records; {@link #next} tails the file as it grows (follow mode). Rotated
 * files ({@link LogRotation}) are read first, oldest first; when the log is rotated or cut while
 * it is tailed, the old file is drained and the new one followed.
 */
public final class LogReader implements AutoCloseable {
  private final Path log;
  private final Deque<RandomAccessFile> queued = new ArrayDeque<>();
  private RandomAccessFile file;
  private Object fileKey;
  private final ByteArrayOutputStream pendingBytes = new ByteArrayOutputStream();
  // One per stream: a partial stderr piece ("sh: ") must not join the stdout line logged next.
  private final StringBuilder partialOut = new StringBuilder();
  private final StringBuilder partialErr = new StringBuilder();
  private final byte[] buf = new byte[8192];
  private int bufPos;
  private int bufLen;

  public LogReader(Path log) throws IOException {
    this.log = log;
    // A rotation may shift the files while they are opened one by one: the set is taken again
    // until it is the same (paths and inodes) before and after opening, so no file is read
    // twice or skipped.
    for (int attempt = 0; ; attempt++) {
      List<Path> paths = LogRotation.files(log);
      List<Object> keys = paths.stream().map(LogReader::key).toList();
      try {
        open(paths);
      } catch (IOException e) {
        close();
        if (attempt >= 20) {
          throw e;
        }
        pause();
        continue;
      }
      List<Path> pathsAfter = LogRotation.files(log);
      if ((pathsAfter.equals(paths) && pathsAfter.stream().map(LogReader::key).toList().equals(keys)) || attempt >= 20) {
        break;
      }
      close();
      pause();
    }
    file = queued.poll();
  }

  private void open(List<Path> paths) throws IOException {
    for (Path p : paths) {
      if (p.equals(log)) {
        try {
          fileKey = key(log);
          queued.add(new RandomAccessFile(log.toFile(), "r"));
        } catch (java.io.FileNotFoundException e) {
          if (queued.isEmpty()) {
            throw e;
          }
          fileKey = null; // just rotated, not reopened yet: the newest rotated file is followed until it is
        }
      } else {
        try {
          queued.add(new RandomAccessFile(p.toFile(), "r"));
        } catch (java.io.FileNotFoundException e) {
          // rotated away meanwhile: older than what is still kept
        }
      }
    }
  }

  private static void pause() throws IOException {
    try {
      Thread.sleep(5);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while opening the log");
    }
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
    LogEntry.Stream stream =
        record.substring(s1 + 1, s2).equals("stderr") ? LogEntry.Stream.STDERR : LogEntry.Stream.STDOUT;
    StringBuilder partial = stream == LogEntry.Stream.STDERR ? partialErr : partialOut;
    partial.append(text);
    if (tag.startsWith("P")) {
      return Optional.empty();
    }
    String line = partial.toString();
    partial.setLength(0);
    return Optional.of(
        new LogEntry(OffsetDateTime.parse(record.substring(0, s1)).toInstant(), stream, line));
  }

  /** The next newline-terminated record, or null when the log has no complete one yet. */
  private String nextRecord() throws IOException {
    while (true) {
      if (bufPos == bufLen) {
        bufLen = file.read(buf);
        bufPos = 0;
        if (bufLen <= 0) {
          bufLen = 0;
          if (nextFile()) {
            continue;
          }
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

  /**
   * At the end of the current file: moves to the next older-to-newer file, or, when the current
   * one is the live log and a new log replaced it (rotated or cut), drains it once more (the
   * monitor wrote its last bytes before it opened the new file) and follows the new one.
   */
  private boolean nextFile() throws IOException {
    if (!queued.isEmpty()) {
      file.close();
      file = queued.poll();
      return true;
    }
    Object now = key(log);
    if (now == null || now.equals(fileKey)) {
      return false;
    }
    int n = file.read(buf);
    if (n > 0) {
      bufLen = n;
      return true;
    }
    RandomAccessFile next;
    try {
      next = new RandomAccessFile(log.toFile(), "r");
    } catch (java.io.FileNotFoundException e) {
      return false;
    }
    file.close();
    file = next;
    fileKey = now;
    return true;
  }

  private static Object key(Path p) {
    try {
      return Files.readAttributes(p, BasicFileAttributes.class).fileKey();
    } catch (IOException e) {
      return null;
    }
  }

  @Override
  public void close() throws IOException {
    if (file != null) {
      file.close();
    }
    for (RandomAccessFile f : queued) {
      f.close();
    }
    queued.clear();
  }
}
