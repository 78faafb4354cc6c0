package io.berth.gateway.socket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import org.jboss.logging.Logger;

/**
 * Prepares the Docker socket path before the HTTP server binds it. Vert.x would silently replace a
 * live socket of another gateway (and delete it when this one exits), so a socket that accepts a
 * connection stops this start-up; one that refuses is a leftover and is removed.
 */
public final class DockerSocketGuard {

  private static final Logger LOG = Logger.getLogger(DockerSocketGuard.class);

  /** Thrown when another process already serves the socket; start-up must fail. */
  public static final class SocketInUseException extends IllegalStateException {
    SocketInUseException(String message) {
      super(message);
    }
  }

  private DockerSocketGuard() {}

  /** Creates the socket's directory and clears a stale socket file, or throws if it is live. */
  public static void prepare(Path socket) {
    try {
      Files.createDirectories(socket.toAbsolutePath().getParent());
      if (!Files.exists(socket, LinkOption.NOFOLLOW_LINKS)) {
        return;
      }
      if (!isSocket(socket)) {
        throw new SocketInUseException(
            socket + " exists and is not a socket; refusing to replace it");
      }
      if (accepts(socket)) {
        throw new SocketInUseException(
            "Another Berth gateway is already serving "
                + socket
                + "; refusing to start a second one");
      }
      LOG.infof("Removing stale socket %s (nothing is listening on it)", socket);
      Files.deleteIfExists(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + socket, e);
    }
  }

  /** True when a process accepts connections on the socket. */
  static boolean accepts(Path socket) throws IOException {
    try (SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
      channel.connect(UnixDomainSocketAddress.of(socket));
      return true;
    } catch (ConnectException e) {
      return false; // ECONNREFUSED: a file nobody listens on
    }
  }

  private static boolean isSocket(Path path) throws IOException {
    Object mode = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
    return (((Integer) mode) & 0170000) == 0140000; // S_IFMT == S_IFSOCK
  }
}
