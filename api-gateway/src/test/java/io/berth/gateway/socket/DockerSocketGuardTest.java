package io.berth.gateway.socket;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerSocketGuardTest {

  @TempDir Path home;

  @Test
  void createsTheRunDirectory() {
    Path socket = home.resolve("run/berth.sock");
    DockerSocketGuard.prepare(socket);
    assertTrue(Files.isDirectory(home.resolve("run")));
    assertFalse(Files.exists(socket));
  }

  @Test
  void refusesASocketSomeoneListensOn() throws Exception {
    Path socket = home.resolve("live.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
      var e = assertThrows(DockerSocketGuard.SocketInUseException.class, () -> DockerSocketGuard.prepare(socket));
      assertTrue(e.getMessage().contains("already serving " + socket), e.getMessage());
      assertTrue(Files.exists(socket), "the live socket is left alone");
    }
  }

  @Test
  void removesAStaleSocket() throws Exception {
    Path socket = home.resolve("stale.sock");
    try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      server.bind(UnixDomainSocketAddress.of(socket));
    } // closed: the file stays, nobody listens
    assertTrue(Files.exists(socket));
    DockerSocketGuard.prepare(socket);
    assertFalse(Files.exists(socket));
  }

  @Test
  void neverDeletesSomethingThatIsNotASocket() throws Exception {
    Path file = home.resolve("berth.sock");
    Files.writeString(file, "precious");
    assertThrows(DockerSocketGuard.SocketInUseException.class, () -> DockerSocketGuard.prepare(file));
    assertTrue(Files.exists(file));
  }
}
