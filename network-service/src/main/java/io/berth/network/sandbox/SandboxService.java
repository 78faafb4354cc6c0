package io.berth.network.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.ConflictException;
import io.berth.common.error.ForbiddenException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.events.container.v1.ContainerNetwork;
import io.berth.events.network.v1.EndpointConnected;
import io.berth.events.network.v1.EndpointDisconnected;
import io.berth.network.ipam.AddressPicker;
import io.berth.network.ipam.Ipv4;
import io.berth.network.ipam.Subnet;
import io.berth.network.network.AttachmentEntity;
import io.berth.network.network.AttachmentRepository;
import io.berth.network.network.EndpointEntity;
import io.berth.network.network.EndpointRepository;
import io.berth.network.network.JsonColumns;
import io.berth.network.network.NetworkEntity;
import io.berth.network.network.NetworkEvents;
import io.berth.network.network.NetworkRepository;
import io.berth.network.network.NetworkService;
import io.berth.network.port.PortAllocator;
import io.berth.network.port.PortBindingEntity;
import io.berth.network.port.PortBindingRepository;
import io.berth.network.port.PortRequest;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A container's network sandbox as network-service sees it: at start, an endpoint (address) on
 * each of its networks plus its published ports, in one transaction, so a conflict leaves nothing
 * half-allocated; at exit or removal, all of it released.
 */
@ApplicationScoped
public class SandboxService {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final NetworkService networkService;
  private final NetworkRepository networks;
  private final EndpointRepository endpoints;
  private final AttachmentRepository attachments;
  private final PortBindingRepository bindings;
  private final PortAllocator ports;
  private final NetworkEvents events;

  public SandboxService(NetworkService networkService, NetworkRepository networks, EndpointRepository endpoints,
                        AttachmentRepository attachments, PortBindingRepository bindings, PortAllocator ports,
                        NetworkEvents events) {
    this.networkService = networkService;
    this.networks = networks;
    this.endpoints = endpoints;
    this.attachments = attachments;
    this.bindings = bindings;
    this.ports = ports;
    this.events = events;
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
      return Panache.withTransaction(() -> release(req.containerId(), Instant.now()))
          .replaceWith(new SandboxResponse(net, NetworkSettingsView.of(
              mode.kind().equals("none") ? sandboxKey(req.containerId()) : "", net,
              mode.kind().equals("container") ? null : mode.kind(), List.of(), exposed, false)));
    }
    String mac = host.path("MacAddress").asText(config.path("MacAddress").asText(""));
    JsonNode endpointsConfig = req.networkingConfig() == null ? JsonColumns.emptyObject()
        : req.networkingConfig().path("EndpointsConfig");
    return Panache.withTransaction(() -> release(req.containerId(), Instant.now())
        .flatMap(v -> networkService.require(mode.network()))
        .flatMap(primary -> attachments.ofContainer(req.containerId()).flatMap(extra -> {
          List<Wanted> wanted = new ArrayList<>();
          JsonNode primaryConfig = endpointConfig(endpointsConfig, primary, host.path("NetworkMode").asText(""));
          wanted.add(new Wanted(primary.id, requestedIp(primaryConfig), strings(primaryConfig.path("Aliases")),
              mac.isEmpty() ? primaryConfig.path("MacAddress").asText("") : mac));
          for (AttachmentEntity a : extra) {
            if (!a.key.networkId().equals(primary.id)) {
              wanted.add(new Wanted(a.key.networkId(), a.ipAddress, JsonColumns.list(a.aliases), ""));
            }
          }
          return connectAll(req, wanted, 0, new ArrayList<>());
        }))
        .flatMap(eps -> ports.allocate(req.containerId(), req.name(), portRequests).map(bound -> {
          ContainerNetwork net = new ContainerNetwork(ContainerNetwork.BRIDGE, null, eps,
              bound.stream().map(b -> new ContainerNetwork.PublishedPort(b.hostIp, b.hostPort, b.containerPort, b.protocol)).toList(),
              dns, dnsSearch, dnsOptions, extraHosts);
          boolean defaultFirst = !eps.isEmpty() && "bridge".equals(eps.get(0).networkName());
          return new SandboxResponse(net, NetworkSettingsView.of(sandboxKey(req.containerId()), net, null, bound, exposed, defaultFirst));
        })));
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

  private record Wanted(String networkId, String ip, List<String> aliases, String mac) {}

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
      Subnet subnet = Subnet.parse(n.subnet);
      long gateway = Ipv4.parse(n.gateway);
      Set<Long> used = new HashSet<>();
      existing.forEach(e -> used.add(Ipv4.parse(e.ipAddress)));
      long addr;
      if (w.ip() != null) {
        if (n.isDefault) {
          throw new InvalidArgumentException("user specified IP address is supported on user defined networks only");
        }
        if (!Ipv4.isValid(w.ip()) || !AddressPicker.assignable(subnet, gateway, Ipv4.parse(w.ip()))) {
          throw new ForbiddenException("no available IPv4 addresses on this network's address pools: " + n.name
              + " (" + w.ip() + " is not in " + n.subnet + ")");
        }
        addr = Ipv4.parse(w.ip());
        if (used.contains(addr)) {
          throw new ConflictException("Address already in use");
        }
      } else {
        addr = AddressPicker.pick(subnet, n.ipRange == null ? null : Subnet.parse(n.ipRange), gateway, used)
            .orElseThrow(() -> new ForbiddenException("no available IPv4 addresses on this network's address pools: "
                + n.name + " (" + n.id + ")"));
      }
      List<String> aliases = new ArrayList<>();
      if (!n.isDefault) {
        aliases.add(req.name());
        aliases.add(req.containerId().substring(0, 12));
        w.aliases().stream().filter(a -> !aliases.contains(a)).forEach(aliases::add);
      }
      EndpointEntity e = new EndpointEntity();
      e.id = newId();
      e.networkId = n.id;
      e.containerId = req.containerId();
      e.containerName = req.name();
      e.ipAddress = Ipv4.format(addr);
      e.macAddress = w.mac().isEmpty() ? Ipv4.macFor(addr) : w.mac().toLowerCase();
      e.aliases = JsonColumns.write(aliases);
      e.createdAt = Instant.now();
      ContainerNetwork.Endpoint wire = new ContainerNetwork.Endpoint(n.id, n.name, e.id, n.bridge, n.subnet, n.gateway,
          e.ipAddress, subnet.prefixLen(), e.macAddress, aliases, !n.isDefault, n.internal);
      return endpoints.persist(e)
          .flatMap(x -> events.emit(new EndpointConnected(n.id, n.name, n.driver, e.containerId, e.id, e.ipAddress, e.createdAt)))
          .replaceWith(wire);
    }));
  }

  /**
   * Releases the container's endpoints and ports allocated at or before {@code upTo} (a late
   * exit fact of a previous run must not release what a newer start allocated). Joins the
   * caller's transaction.
   */
  public Uni<Void> release(String containerId, Instant upTo) {
    // Bulk deletes rather than entity removal: one statement each, whatever the number of endpoints.
    return endpoints.list("containerId = ?1 and createdAt <= ?2", containerId, upTo)
        .flatMap(eps -> networks.listAll().flatMap(all -> {
          Map<String, NetworkEntity> byId = new HashMap<>();
          all.forEach(n -> byId.put(n.id, n));
          Uni<Void> chain = endpoints.delete("containerId = ?1 and createdAt <= ?2", containerId, upTo).replaceWithVoid();
          for (EndpointEntity e : eps) {
            NetworkEntity n = byId.get(e.networkId);
            chain = chain.flatMap(v -> events.emit(new EndpointDisconnected(e.networkId, n == null ? "" : n.name,
                n == null ? "bridge" : n.driver, e.containerId, e.id, e.ipAddress, Instant.now())));
          }
          return chain;
        }))
        .flatMap(v -> bindings.delete("containerId = ?1 and createdAt <= ?2", containerId, upTo))
        .replaceWithVoid();
  }

  /** Forgets the container entirely (it was removed). */
  public Uni<Void> forget(String containerId, Instant upTo) {
    return release(containerId, upTo).flatMap(v -> attachments.deleteOfContainer(containerId)).replaceWithVoid();
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
