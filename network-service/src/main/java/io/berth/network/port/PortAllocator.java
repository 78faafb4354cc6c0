package io.berth.network.port;

import io.berth.common.error.ConflictException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Chooses host ports for a container. The caller serialises choices with {@link #LOCK} and
 * inserts them in the same transaction; the unique constraint on (host_port, protocol) backs it.
 */
@ApplicationScoped
public class PortAllocator {
  private final HostPortProbe probe;
  private final int ephemeralFirst;
  private final int ephemeralLast;

  public PortAllocator(
      HostPortProbe probe,
      @ConfigProperty(name = "berth.network.ephemeral-ports", defaultValue = "49153-60999") String ephemeral) {
    this.probe = probe;
    String[] r = ephemeral.split("-");
    this.ephemeralFirst = Integer.parseInt(r[0].trim());
    this.ephemeralLast = Integer.parseInt(r[1].trim());
  }

  /** The advisory lock that serialises host port choices (one per database, as ports are per host). */
  public static final String LOCK = "select pg_advisory_xact_lock(hashtext('berth.network.ports'))";

  /**
   * Chooses one host port per request, given the ports already {@code taken} ({@code port/protocol},
   * read under {@link #LOCK}); {@code endpointName} is for the error message. The caller inserts
   * the result in the same transaction.
   */
  public List<PortBindingEntity> plan(String containerId, String endpointName, List<PortRequest> requests,
                                      Set<String> taken, Instant now) {
    Set<String> used = new HashSet<>(taken);
    List<PortBindingEntity> out = new ArrayList<>();
    for (PortRequest r : requests) {
      int port = choose(r, used, endpointName);
      used.add(port + "/" + r.protocol());
      PortBindingEntity b = new PortBindingEntity();
      b.id = UUID.randomUUID().toString();
      b.containerId = containerId;
      b.hostIp = r.hostIp();
      b.hostPort = port;
      b.containerPort = r.containerPort();
      b.protocol = r.protocol();
      b.createdAt = now;
      out.add(b);
    }
    return out;
  }

  private int choose(PortRequest r, Set<String> taken, String endpointName) {
    if (r.hostPortFirst() == 0) {
      int span = ephemeralLast - ephemeralFirst + 1;
      int start = ThreadLocalRandom.current().nextInt(span);
      for (int i = 0; i < span; i++) {
        int p = ephemeralFirst + (start + i) % span;
        if (!taken.contains(p + "/" + r.protocol()) && probe.isFree(r.hostIp(), p, r.protocol())) {
          return p;
        }
      }
      throw new ConflictException("no free host port left for " + r.key());
    }
    for (int p = r.hostPortFirst(); p <= r.hostPortLast(); p++) {
      if (!taken.contains(p + "/" + r.protocol()) && probe.isFree(r.hostIp(), p, r.protocol())) {
        return p;
      }
    }
    String ip = r.hostIp().isEmpty() ? "0.0.0.0" : r.hostIp();
    String ports = r.hostPortFirst() == r.hostPortLast()
        ? String.valueOf(r.hostPortFirst()) : r.hostPortFirst() + "-" + r.hostPortLast();
    throw new ConflictException("driver failed programming external connectivity on endpoint "
        + endpointName + ": Bind for " + ip + ":" + ports + " failed: port is already allocated");
  }
}
