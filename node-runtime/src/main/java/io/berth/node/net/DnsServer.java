package io.berth.node.net;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import org.jboss.logging.Logger;

/**
 * The embedded resolver of one user-defined network, on UDP port 53 of the network's gateway
 * address: names of containers on that network (and their aliases) are answered from
 * {@code records}; everything else is forwarded to the node's own resolvers.
 */
final class DnsServer implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(DnsServer.class);
  static final int TTL = 600;

  private final DatagramSocket socket;
  private final Function<String, List<byte[]>> records;
  private final List<InetSocketAddress> upstreams;
  private final ExecutorService forwarders;
  private final Thread reader;

  /** {@code records}: the addresses of a name on this network, null when the name is not Berth's. */
  DnsServer(InetAddress address, Function<String, List<byte[]>> records, List<InetSocketAddress> upstreams,
            ExecutorService forwarders) throws SocketException {
    this.socket = new DatagramSocket(new InetSocketAddress(address, 53));
    this.records = records;
    this.upstreams = upstreams;
    this.forwarders = forwarders;
    this.reader = new Thread(this::serve, "berth-dns-" + address.getHostAddress());
    this.reader.setDaemon(true);
    this.reader.start();
  }

  private void serve() {
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
      Optional<DnsMessage.Question> q = DnsMessage.question(query, query.length);
      List<byte[]> known = q.map(question -> records.apply(question.name())).orElse(null);
      if (known != null) {
        List<byte[]> answers = q.get().type() == DnsMessage.TYPE_A ? known : List.of();
        send(DnsMessage.answer(query, q.get(), answers, TTL), from);
      } else {
        forwarders.execute(() -> forward(query, from));
      }
    }
  }

  private void forward(byte[] query, InetSocketAddress client) {
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
  }
}
