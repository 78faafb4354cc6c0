package io.berth.network.port;

import io.berth.common.error.ConflictException;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
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
 * Reserves host ports for a container inside the caller's transaction. Allocations are serialised
 * by an advisory lock; the unique constraint on (host_port, protocol) backs it.
 */
@ApplicationScoped
public class PortAllocator {
  private final PortBindingRepository bindings;
  private final HostPortProbe probe;
  private final int ephemeralFirst;
  private final int ephemeralLast;

  public PortAllocator(
      PortBindingRepository bindings, HostPortProbe probe,
      @ConfigProperty(name = "berth.network.ephemeral-ports", defaultValue = "49153-60999") String ephemeral) {
    this.bindings = bindings;
    this.probe = probe;
    String[] r = ephemeral.split("-");
    this.ephemeralFirst = Integer.parseInt(r[0].trim());
    this.ephemeralLast = Integer.parseInt(r[1].trim());
  }

  /** Reserves one host port per request; {@code endpointName} is for the error message. */
  public Uni<List<PortBindingEntity>> allocate(String containerId, String endpointName, List<PortRequest> requests) {
    if (requests.isEmpty()) {
      return Uni.createFrom().item(List.of());
    }
    return Panache.getSession()
        .flatMap(s -> s.createNativeQuery("select pg_advisory_xact_lock(hashtext('berth.network.ports'))").getSingleResult())
        .flatMap(x -> bindings.listAll())
        .flatMap(existing -> {
          Set<String> taken = new HashSet<>();
          existing.forEach(b -> taken.add(b.hostPort + "/" + b.protocol));
          List<PortBindingEntity> out = new ArrayList<>();
          for (PortRequest r : requests) {
            int port = choose(r, taken, endpointName);
            taken.add(port + "/" + r.protocol());
            PortBindingEntity b = new PortBindingEntity();
            b.id = UUID.randomUUID().toString();
            b.containerId = containerId;
            b.hostIp = r.hostIp();
            b.hostPort = port;
            b.containerPort = r.containerPort();
            b.protocol = r.protocol();
            b.createdAt = Instant.now();
            out.add(b);
          }
          return bindings.persist(out).replaceWith(out);
        });
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
