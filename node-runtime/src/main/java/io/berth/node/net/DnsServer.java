package io.berth.node.net;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The embedded resolver of one user-defined network, on port 53 of the network's gateway
 * address, over UDP and TCP as Docker's 127.0.0.11: names of containers on that network (and
 * their aliases) are answered from {@code records}; everything else is forwarded to the node's
 * own resolvers over the transport the client used.
 */
final class DnsServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DnsServer.class);
  static final int TTL = 600;
  private static final int TCP_IDLE_MS = 10_000;

  private final DatagramSocket socket;
  private final ServerSocket tcp;
  private final Function<String, List<byte[]>> records;
  private final List<InetSocketAddress> upstreams;
  private final ExecutorService forwarders;

  /** {@code records}: the addresses of a name on this network, null when the name is not Berth's. */
  DnsServer(InetAddress address, Function<String, List<byte[]>> records, List<InetSocketAddress> upstreams,
            ExecutorService forwarders) throws IOException {
    this.records = records;
    this.upstreams = upstreams;
    this.forwarders = forwarders;
    this.socket = new DatagramSocket(new InetSocketAddress(address, 53));
    try {
      this.tcp = new ServerSocket();
      tcp.setReuseAddress(true);
      tcp.bind(new InetSocketAddress(address, 53));
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    daemon(this::serveUdp, "berth-dns-" + address.getHostAddress());
    daemon(this::serveTcp, "berth-dns-tcp-" + address.getHostAddress());
  }

  private static void daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    t.start();
  }

  /** The answer to {@code query} from this network's names; null when it is for the upstreams. */
  byte[] answerLocally(byte[] query) {
    Optional<DnsMessage.Question> q = DnsMessage.question(query, query.length);
    List<byte[]> known = q.map(question -> records.apply(question.name())).orElse(null);
    if (known == null) {
      return null;
    }
    // A Berth name has only IPv4 addresses: other types get an empty NOERROR, not NXDOMAIN.
    List<byte[]> answers = q.get().type() == DnsMessage.TYPE_A ? known : List.of();
    return DnsMessage.answer(query, q.get(), answers, TTL);
  }

  private void serveUdp() {
    byte[] buf = new byte[1500];
    while (!socket.isClosed()) {
      DatagramPacket p = new DatagramPacket(buf, buf.length);
      try {
        socket.receive(p);
      } catch (IOException e) {
        return; // closed
      }
      byte[] query = Arrays.copyOf(p.getData(), p.getLength());
      InetSocketAddress from = (InetSocketAddress) p.getSocketAddress();
      byte[] answer = answerLocally(query);
      if (answer != null) {
        send(answer, from);
      } else {
        forwarders.execute(() -> forwardUdp(query, from));
      }
    }
  }

  private void serveTcp() {
    while (!tcp.isClosed()) {
      Socket client;
      try {
        client = tcp.accept();
      } catch (IOException e) {
        return; // closed
      }
      forwarders.execute(() -> serveConnection(client));
    }
  }

  // RFC 1035 4.2.2 / RFC 7766: each message prefixed with its two-byte length; a client may
  // send several queries on one connection.
  private void serveConnection(Socket client) {
    try (client) {
      client.setSoTimeout(TCP_IDLE_MS);
      DataInputStream in = new DataInputStream(client.getInputStream());
      DataOutputStream out = new DataOutputStream(client.getOutputStream());
      while (true) {
        int len;
        try {
          len = in.readUnsignedShort();
        } catch (IOException e) {
          return; // the client is done
        }
        byte[] query = in.readNBytes(len);
        if (query.length < len) {
          return;
        }
        byte[] answer = answerLocally(query);
        if (answer == null) {
          answer = forwardTcp(query);
        }
        if (answer == null) {
          return; // no upstream answered: closing tells the client
        }
        out.writeShort(answer.length);
        out.write(answer);
        out.flush();
      }
    } catch (IOException e) {
      LOG.debugf("dns over tcp: %s", e.getMessage());
    }
  }

  private byte[] forwardTcp(byte[] query) {
    for (InetSocketAddress upstream : upstreams) {
      try (Socket s = new Socket()) {
        s.connect(upstream, 2000);
        s.setSoTimeout(2000);
        return exchangeTcp(s, query);
      } catch (IOException e) {
        LOG.debugf("upstream resolver %s over tcp: %s", upstream, e.getMessage());
      }
    }
    return null;
  }

  /** Sends {@code query} on a DNS-over-TCP connection and reads one length-prefixed reply. */
  static byte[] exchangeTcp(Socket s, byte[] query) throws IOException {
    DataOutputStream out = new DataOutputStream(s.getOutputStream());
    out.writeShort(query.length);
    out.write(query);
    out.flush();
    DataInputStream in = new DataInputStream(s.getInputStream());
    return in.readNBytes(in.readUnsignedShort());
  }

  private void forwardUdp(byte[] query, InetSocketAddress client) {
    for (InetSocketAddress upstream : upstreams) {
      try (DatagramSocket s = new DatagramSocket()) {
        s.setSoTimeout(2000);
        s.send(new DatagramPacket(query, query.length, upstream));
        byte[] buf = new byte[4096];
        DatagramPacket reply = new DatagramPacket(buf, buf.length);
        s.receive(reply);
        send(Arrays.copyOf(reply.getData(), reply.getLength()), client);
        return;
      } catch (IOException e) {
        LOG.debugf("upstream resolver %s: %s", upstream, e.getMessage());
      }
    }
  }

  private void send(byte[] data, InetSocketAddress to) {
    try {
      socket.send(new DatagramPacket(data, data.length, to));
    } catch (IOException e) {
      LOG.debugf("dns reply to %s: %s", to, e.getMessage());
    }
  }

  @Override
  public void close() {
    socket.close();
    try {
      tcp.close();
    } catch (IOException e) {
      // closing anyway
    }
  }
}
