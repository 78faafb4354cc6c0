package io.berth.image.importer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** Copies every byte read from the source into a sink, so one pass can both check and store. */
final class TeeInputStream extends FilterInputStream {
  private final OutputStream sink;

  TeeInputStream(InputStream source, OutputStream sink) {
    super(source);
    this.sink = sink;
  }

  @Override
  public int read() throws IOException {
    int b = super.read();
    if (b >= 0) {
      sink.write(b);
    }
    return b;
  }

  @Override
  public int read(byte[] buf, int off, int len) throws IOException {
    int n = super.read(buf, off, len);
    if (n > 0) {
      sink.write(buf, off, n);
    }
    return n;
  }

  // Skipped bytes must reach the sink too, so skip by reading.
  @Override
  public long skip(long n) throws IOException {
    byte[] scratch = new byte[(int) Math.min(n, 8192)];
    long left = n;
    while (left > 0) {
      int r = read(scratch, 0, (int) Math.min(left, scratch.length));
      if (r < 0) {
        break;
      }
      left -= r;
    }
    return n - left;
  }

  @Override
  public boolean markSupported() {
    return false;
  }

  /** Reads (and so copies) whatever the checker left unread, e.g. the tar's end padding. */
  void drain() throws IOException {
    byte[] scratch = new byte[64 * 1024];
    while (read(scratch, 0, scratch.length) >= 0) {
      // copying happens in read
    }
  }
}
