package io.berth.gateway.proxy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A bare HTTP/1.1 client over a socket: sees header timing, upgrades and half-closes as the CLI does. */
public final class RawHttp implements AutoCloseable {

  public final Socket socket;
  private final InputStream in;

  public RawHttp(int port) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setSoTimeout(15_000);
    in = socket.getInputStream();
  }

  public void send(String requestHead) throws IOException {
    socket.getOutputStream().write(requestHead.getBytes(StandardCharsets.ISO_8859_1));
    socket.getOutputStream().flush();
  }

  /** Reads up to and including the blank line after the headers. */
  public String readHead() throws IOException {
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    int matched = 0;
    byte[] end = {'\r', '\n', '\r', '\n'};
    while (matched < 4) {
      int b = in.read();
      if (b < 0) {
        throw new IOException("connection closed in the headers: " + head);
      }
      head.write(b);
      matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
    }
    return head.toString(StandardCharsets.ISO_8859_1);
  }

  /** Everything until the server closes the connection. */
  public byte[] readToEof() throws IOException {
    return in.readAllBytes();
  }

  /** One chunk of a chunked body (its payload; empty for the last chunk). */
  public String readChunk() throws IOException {
    StringBuilder size = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("eof in chunk size");
      }
      if (b != '\r') {
        size.append((char) b);
      }
    }
    int n = Integer.parseInt(size.toString().trim(), 16);
    byte[] data = in.readNBytes(n);
    in.readNBytes(2);
    return new String(data, StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
