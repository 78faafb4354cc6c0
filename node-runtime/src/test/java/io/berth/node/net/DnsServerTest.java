package io.berth.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The resolver on a loopback address of its own (port 53 needs root), over UDP and TCP. */
@Tag("privileged")
class DnsServerTest {
  static final byte[] WEB = {10, 9, 8, 7};
  final ExecutorService pool = Executors.newCachedThreadPool();
  InetAddress address;
  DnsServer server;

  @BeforeEach
  void start() throws Exception {
    // A loopback address of its own per test: another test JVM on this host may serve DNS too.
    var random = java.util.concurrent.ThreadLocalRandom.current();
    address = InetAddress.getByName("127.83." + random.nextInt(256) + "." + (1 + random.nextInt(254)));
    // No upstreams: a name that is not Berth's gets no answer at all.
    server = new DnsServer(address, name -> name.equals("web") ? List.of(WEB) : null, List.of(), pool);
  }

  @AfterEach
  void stop() {
    server.close();
    pool.shutdownNow();
  }

  byte[] udp(byte[] query) throws Exception {
    try (DatagramSocket s = new DatagramSocket()) {
      s.setSoTimeout(5000);
      s.send(new DatagramPacket(query, query.length, new InetSocketAddress(address, 53)));
      DatagramPacket p = new DatagramPacket(new byte[512], 512);
      s.receive(p);
      return Arrays.copyOf(p.getData(), p.getLength());
    }
  }

  byte[] tcp(Socket s, byte[] query) throws Exception {
    return DnsServer.exchangeTcp(s, query);
  }

  static int answers(byte[] reply) {
    return ((reply[6] & 0xFF) << 8) | (reply[7] & 0xFF);
  }

  static int rcode(byte[] reply) {
    return reply[3] & 0x0F;
  }

  @Test
  void answersAContainerNameOverUdp() throws Exception {
    byte[] reply = udp(DnsMessageTest.query("web", DnsMessage.TYPE_A));
    assertEquals(1, answers(reply));
    assertArrayEquals(WEB, Arrays.copyOfRange(reply, reply.length - 4, reply.length));
  }

  @Test
  void answersOverTcpSeveralQueriesOnOneConnection() throws Exception {
    try (Socket s = new Socket(address, 53)) {
      s.setSoTimeout(5000);
      for (int i = 0; i < 2; i++) {
        byte[] reply = tcp(s, DnsMessageTest.query("web", DnsMessage.TYPE_A));
        assertEquals(0x12, reply[0], "the query's id");
        assertEquals(1, answers(reply));
        assertArrayEquals(WEB, Arrays.copyOfRange(reply, reply.length - 4, reply.length));
      }
    }
  }

  @Test
  void aaaaForAContainerNameIsAnEmptyNoError() throws Exception {
    byte[] udp = udp(DnsMessageTest.query("web", 28));
    assertEquals(0, rcode(udp), "NOERROR, not NXDOMAIN");
    assertEquals(0, answers(udp));
    try (Socket s = new Socket(address, 53)) {
      s.setSoTimeout(5000);
      byte[] tcp = tcp(s, DnsMessageTest.query("web", 28));
      assertEquals(0, rcode(tcp));
      assertEquals(0, answers(tcp));
    }
  }
}
