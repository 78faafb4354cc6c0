package io.berth.launcher.token;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * HTTP/1.1 over the gateway's unix socket (java.net.http cannot dial one). The socket is trusted
 * by its file permissions, so the launcher needs no token to manage tokens.
 */
public final class UnixHttpClient {

  /** A status and a body. */
  public record Response(int status, String body) {}

  private final Path socket;

  public UnixHttpClient(Path socket) {
    this.socket = socket;
  }

  public Response send(String method, String path, String jsonBody) throws IOException {
    byte[] body = jsonBody == null ? new byte[0] : jsonBody.getBytes(StandardCharsets.UTF_8);
    StringBuilder head = new StringBuilder()
        .append(method).append(' ').append(path).append(" HTTP/1.1\r\n")
        .append("Host: berth\r\nConnection: close\r\nAccept: application/json\r\n");
    if (jsonBody != null) {
      head.append("Content-Type: application/json\r\n");
    }
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      channel.write(ByteBuffer.wrap(head.toString().getBytes(StandardCharsets.US_ASCII)));
      channel.write(ByteBuffer.wrap(body));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      ByteBuffer buffer = ByteBuffer.allocate(8192);
      while (channel.read(buffer) >= 0) {
        out.write(buffer.array(), 0, buffer.position());
        buffer.clear();
      }
      return parse(out.toString(StandardCharsets.UTF_8));
    }
  }

  static Response parse(String raw) throws IOException {
    int end = raw.indexOf("\r\n\r\n");
    if (!raw.startsWith("HTTP/1.") || end < 0) {
      throw new IOException("not an HTTP answer from the gateway: " + raw.lines().findFirst().orElse(""));
    }
    String head = raw.substring(0, end);
    int status = Integer.parseInt(head.substring(9, 12));
    String body = raw.substring(end + 4);
    if (head.toLowerCase().contains("\r\ntransfer-encoding: chunked")) {
      body = dechunk(body);
    }
    return new Response(status, body);
  }

  private static String dechunk(String chunked) {
    StringBuilder out = new StringBuilder();
    int at = 0;
    while (true) {
      int eol = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, eol).split(";")[0].strip(), 16);
      if (size == 0) {
        return out.toString();
      }
      out.append(chunked, eol + 2, eol + 2 + size);
      at = eol + 2 + size + 2;
    }
  }
}
