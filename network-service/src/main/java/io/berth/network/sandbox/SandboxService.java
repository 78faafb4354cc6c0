package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.events.CloudEvent;
import io.berth.events.Envelope;
import io.berth.events.container.v1.ContainerNetwork;
import io.berth.events.network.v1.EndpointConnected;
import io.berth.events.network.v1.EndpointDisconnected;
import io.berth.network.ipam.Ipv4;
import io.berth.network.network.EndpointEntity;
import io.berth.network.network.EndpointRepository;
import io.berth.network.network.JsonColumns;
import io.berth.network.network.NetworkEntity;
import io.berth.network.network.NetworkEvents;
import io.berth.network.network.NetworkRepository;
import io.berth.network.port.PortAllocator;
import io.berth.network.port.PortBindingEntity;
import io.berth.network.port.PortRequest;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A container's network sandbox as network-service sees it: at start, an endpoint (address) on
 * each of its networks plus its published ports, in one transaction ({@link SandboxStore}), so a
 * conflict leaves nothing half-allocated; at exit or removal, all of it released.
 */
@ApplicationScoped
public class SandboxService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NetworkRepository networks;
  private final EndpointRepository endpoints;
  private final PortAllocator ports;
  private final NetworkEvents events;
  private final SandboxStore store;

  public SandboxService(NetworkRepository networks, EndpointRepository endpoints, PortAllocator ports,
                        NetworkEvents events, SandboxStore store) {
    this.networks = networks;
    this.endpoints = endpoints;
    this.ports = ports;
    this.events = events;
    this.store = store;
  }

  /** The netns path node-runtime gives a container (its {@code SandboxKey}). */
  public static String sandboxKey(String containerId) {
    return "/run/netns/berth-" + containerId.substring(0, 12);
  }

  /** Allocates everything the container's start needs; replaces a stale allocation of a previous run. */
  public Uni<SandboxResponse> allocate(SandboxRequest req) {
    JsonNode host = req.hostConfig() == null ? JsonColumns.emptyObject() : req.hostConfig();
    JsonNode config = req.config() == null ? JsonColumns.emptyObject() : req.config();
    NetworkMode mode = NetworkMode.of(host.path("NetworkMode").asText(""));
    Instant now = Instant.now();
    Set<String> exposed = new LinkedHashSet<>();
    config.path("ExposedPorts").fieldNames().forEachRemaining(p -> exposed.add(p.contains("/") ? p : p + "/tcp"));
    List<PortRequest> portRequests = PortRequest.of(host.path("PortBindings"), host.path("PublishAllPorts").asBoolean(false), exposed);
    List<String> dns = strings(host.path("Dns"));
    List<String> dnsSearch = strings(host.path("DnsSearch"));
    List<String> dnsOptions = strings(host.path("DnsOptions"));
    List<String> extraHosts = strings(host.path("ExtraHosts"));
    for (String h : extraHosts) {
      int colon = h.indexOf(':');
      if (colon <= 0 || !Ipv4.isValid(h.substring(colon + 1)) && !h.substring(colon + 1).equals("host-gateway")) {
        return Uni.createFrom().failure(new InvalidArgumentException("invalid IP address in add-host: \"" + h + "\""));
      }
    }
    if (!mode.kind().equals("bridge")) {
      String join = mode.kind().equals("container") ? req.joinContainerId() : null;
      if (mode.kind().equals("container") && join == null) {
        return Uni.createFrom().failure(new NotFoundException("No such container: " + mode.network()));
      }
      ContainerNetwork net = new ContainerNetwork(mode.kind(), join, List.of(), List.of(), dns, dnsSearch, dnsOptions, extraHosts);
      // Docker ignores published ports outside bridge networks; so does Berth.
      return store.release(List.of(new SandboxStore.Release(req.containerId(), now, false)))
          .replaceWith(new SandboxResponse(net, NetworkSettingsView.of(
              mode.kind().equals("none") ? sandboxKey(req.containerId()) : "", net,
              mode.kind().equals("container") ? null : mode.kind(), List.of(), exposed, false)));
    }
    String mac = host.path("MacAddress").asText(config.path("MacAddress").asText(""));
    JsonNode endpointsConfig = req.networkingConfig() == null ? JsonColumns.emptyObject()
        : req.networkingConfig().path("EndpointsConfig");
    String modeText = host.path("NetworkMode").asText("");
    return store.allocate(mode.network(), req.containerId(), now, !portRequests.isEmpty(), reads -> {
      NetworkEntity primary = primary(reads.networks(), mode.network());
      JsonNode primaryConfig = endpointConfig(endpointsConfig, primary, modeText);
      List<Wanted> wanted = new ArrayList<>();
      wanted.add(new Wanted(primary.id, requestedIp(primaryConfig), strings(primaryConfig.path("Aliases")),
          mac.isEmpty() ? primaryConfig.path("MacAddress").asText("") : mac));
      Map<String, NetworkEntity> byId = new HashMap<>();
      reads.networks().stream()
          .filter(l -> l.attachment() != null && !l.network().id.equals(primary.id))
          .sorted(Comparator.comparing((SandboxStore.LockedNetwork l) -> l.attachment().createdAt)
              .thenComparing(l -> l.network().id))
          .forEach(l -> {
            byId.put(l.network().id, l.network());
            wanted.add(new Wanted(l.network().id, l.attachment().ipAddress, JsonColumns.list(l.attachment().aliases), ""));
          });
      byId.put(primary.id, primary);
      Instant createdAt = Instant.now();
      List<EndpointPlan> plans = new ArrayList<>();
      for (Wanted w : wanted) {
        plans.add(EndpointPlan.of(byId.get(w.networkId()), reads.used().getOrDefault(w.networkId(), Set.of()), w,
            req.containerId(), req.name(), createdAt));
      }
      List<PortBindingEntity> bound = ports.plan(req.containerId(), req.name(), portRequests, reads.takenPorts(), createdAt);
      List<ContainerNetwork.Endpoint> eps = plans.stream().map(EndpointPlan::wire).toList();
      ContainerNetwork net = new ContainerNetwork(ContainerNetwork.BRIDGE, null, eps,
          bound.stream().map(b -> new ContainerNetwork.PublishedPort(b.hostIp, b.hostPort, b.containerPort, b.protocol)).toList(),
          dns, dnsSearch, dnsOptions, extraHosts);
      boolean defaultFirst = !eps.isEmpty() && "bridge".equals(eps.get(0).networkName());
      List<CloudEvent<?>> facts = new ArrayList<>();
      for (EndpointPlan p : plans) {
        NetworkEntity n = byId.get(p.row().networkId);
        facts.add(Envelope.of(NetworkEvents.SOURCE, new EndpointConnected(n.id, n.name, n.driver, p.row().containerId,
            p.row().id, p.row().ipAddress, p.row().createdAt)));
      }
      return new Allocation(new SandboxResponse(net, NetworkSettingsView.of(sandboxKey(req.containerId()), net, null,
          bound, exposed, defaultFirst)),
          new SandboxStore.Writes(plans.stream().map(EndpointPlan::row).toList(), bound, facts));
    }, Allocation::writes).map(Allocation::response);
  }

  private record Allocation(SandboxResponse response, SandboxStore.Writes writes) {}

  // Docker's order: an exact id, an exact name, then a unique id prefix.
  private static NetworkEntity primary(List<SandboxStore.LockedNetwork> locked, String ref) {
    List<NetworkEntity> candidates = locked.stream().filter(SandboxStore.LockedNetwork::candidate)
        .map(SandboxStore.LockedNetwork::network).toList();
    return candidates.stream().filter(n -> n.id.equals(ref)).findFirst()
        .or(() -> candidates.stream().filter(n -> n.name.equals(ref)).findFirst())
        .or(() -> candidates.size() == 1 ? Optional.of(candidates.get(0)) : Optional.empty())
        .orElseThrow(() -> new NotFoundException("network " + ref + " not found"));
  }

  /** One more endpoint for a running container ({@code docker network connect}); joins the caller's transaction. */
  public Uni<ContainerNetwork.Endpoint> connectRunning(String containerId, String name, String networkId, String ip,
                                                       List<String> aliases) {
    return connect(new SandboxRequest(containerId, name, null, null, null, null), new Wanted(networkId, ip, aliases, ""));
  }

  /**
   * The container's endpoint on {@code network} is released, with its fact ({@code docker network
   * disconnect} of a running container); joins the caller's transaction.
   */
  public Uni<Void> disconnectRunning(EndpointEntity e, NetworkEntity n) {
    return endpoints.delete("id", e.id)
        .flatMap(x -> events.emit(new EndpointDisconnected(n.id, n.name, n.driver, e.containerId, e.id, e.ipAddress,
            Instant.now())))
        .replaceWithVoid();
  }

  private static JsonNode endpointConfig(JsonNode endpointsConfig, NetworkEntity n, String mode) {
    for (String key : List.of(n.name, n.id, mode)) {
      if (!key.isEmpty() && endpointsConfig.has(key)) {
        return endpointsConfig.get(key);
      }
    }
    return JsonColumns.emptyObject();
  }

  private static String requestedIp(JsonNode endpointConfig) {
    String ip = endpointConfig.path("IPAMConfig").path("IPv4Address").asText("");
    return ip.isEmpty() ? null : ip;
  }

  private Uni<List<ContainerNetwork.Endpoint>> connectAll(SandboxRequest req, List<Wanted> wanted, int i,
                                                         List<ContainerNetwork.Endpoint> done) {
    if (i == wanted.size()) {
      return Uni.createFrom().item(done);
    }
    Wanted w = wanted.get(i);
    return connect(req, w).flatMap(e -> {
      done.add(e);
      return connectAll(req, wanted, i + 1, done);
    });
  }

  // The network row lock makes allocations on one network sequential; the unique constraint on
  // (network_id, ip_address) is the guarantee should anything bypass the lock.
  private Uni<ContainerNetwork.Endpoint> connect(SandboxRequest req, Wanted w) {
    return networks.lock(w.networkId()).flatMap(n -> endpoints.onNetwork(n.id).flatMap(existing -> {
      Set<Long> used = new HashSet<>();
      existing.forEach(e -> used.add(Ipv4.parse(e.ipAddress)));
      EndpointPlan p = EndpointPlan.of(n, used, w, req.containerId(), req.name(), Instant.now());
      EndpointEntity e = p.row();
      return endpoints.persist(e)
          .flatMap(x -> events.emit(new EndpointConnected(n.id, n.name, n.driver, e.containerId, e.id, e.ipAddress, e.createdAt)))
          .replaceWith(p.wire());
    }));
  }

  /**
   * Releases the container's endpoints and ports allocated at or before {@code upTo} (a late
   * exit fact of a previous run must not release what a newer start allocated); its attachments
   * too when {@code forget} (it was removed). One statement, no transaction of the caller's.
   */
  public Uni<Long> release(String containerId, Instant upTo, boolean forget) {
    return store.release(List.of(new SandboxStore.Release(containerId, upTo, forget)));
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    if (array != null && array.isArray()) {
      array.forEach(v -> out.add(v.asText()));
    }
    return out;
  }

  static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
