package io.berth.network.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.ConflictException;
import io.berth.common.error.ForbiddenException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;
import io.berth.events.network.v1.NetworkCreated;
import io.berth.events.network.v1.NetworkRemoved;
import io.berth.network.ipam.HostRoutes;
import io.berth.network.ipam.Ipv4;
import io.berth.network.ipam.Subnet;
import io.berth.network.ipam.SubnetPlanner;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Creates, lists, inspects and removes networks (Docker's {@code /networks} semantics). */
@ApplicationScoped
public class NetworkService {
  /** Names Docker reserves for its predefined networks. */
  static final Set<String> RESERVED = Set.of("bridge", "host", "none", "default");
  public static final String DEFAULT_NAME = "bridge";
  public static final String DEFAULT_BRIDGE = "berth0";

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final NetworkRepository networks;
  private final EndpointRepository endpoints;
  private final NetworkEvents events;
  private final HostRoutes routes;

  public NetworkService(NetworkRepository networks, EndpointRepository endpoints, NetworkEvents events, HostRoutes routes) {
    this.networks = networks;
    this.endpoints = endpoints;
    this.events = events;
    this.routes = routes;
  }

  /** What {@code POST /networks/create} asked for, validated. */
  record Request(String name, boolean internal, Map<String, String> labels, Map<String, String> options,
                 Subnet subnet, Long gateway, Subnet ipRange) {}

  static Request parse(byte[] body) {
    JsonNode root;
    try {
      root = MAPPER.readTree(body);
    } catch (IOException e) {
      throw new InvalidArgumentException("invalid JSON in network create request");
    }
    if (root == null || !root.isObject()) {
      throw new InvalidArgumentException("invalid JSON in network create request");
    }
    String name = root.path("Name").asText("");
    if (name.isBlank()) {
      throw new InvalidArgumentException("network name cannot be empty");
    }
    if (!name.matches("[a-zA-Z0-9][a-zA-Z0-9_.-]*")) {
      throw new InvalidArgumentException("invalid network name \"" + name + "\"");
    }
    String driver = root.path("Driver").asText("");
    if (!driver.isEmpty() && !driver.equals("bridge")) {
      throw new NotFoundException("plugin \"" + driver + "\" not found");
    }
    if (root.path("EnableIPv6").asBoolean(false)) {
      throw new InvalidArgumentException("IPv6 networks are not supported by Berth");
    }
    JsonNode configs = root.path("IPAM").path("Config");
    if (configs.size() > 1) {
      throw new InvalidArgumentException("Berth supports one IPv4 subnet per network");
    }
    JsonNode c = configs.size() == 1 ? configs.get(0) : MAPPER.createObjectNode();
    String subnetText = c.path("Subnet").asText("");
    String gatewayText = c.path("Gateway").asText("");
    String rangeText = c.path("IPRange").asText("");
    Subnet subnet = subnetText.isEmpty() ? null : Subnet.parse(subnetText);
    if (subnet == null && (!gatewayText.isEmpty() || !rangeText.isEmpty())) {
      throw new InvalidArgumentException("gateway and ip-range need a subnet (--subnet)");
    }
    if (subnet != null && subnet.prefixLen() > 30) {
      throw new InvalidArgumentException("subnet " + subnet + " is too small");
    }
    Long gateway = null;
    if (!gatewayText.isEmpty()) {
      if (!Ipv4.isValid(gatewayText)) {
        throw new InvalidArgumentException("invalid gateway address " + gatewayText);
      }
      gateway = Ipv4.parse(gatewayText);
      if (!subnet.contains(gateway)) {
        throw new ForbiddenException("no matching subnet for gateway " + gatewayText);
      }
    }
    Subnet range = rangeText.isEmpty() ? null : Subnet.parse(rangeText);
    if (range != null && !subnet.contains(range)) {
      throw new ForbiddenException("no matching subnet for range " + rangeText);
    }
    return new Request(name, root.path("Internal").asBoolean(false), strings(root.path("Labels")),
        strings(root.path("Options")), subnet, gateway, range);
  }

  private static Map<String, String> strings(JsonNode obj) {
    Map<String, String> out = new LinkedHashMap<>();
    obj.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
    return out;
  }

  /** {@code POST /networks/create}: the new id. */
  public Uni<String> create(byte[] body) {
    Request r = parse(body);
    if (RESERVED.contains(r.name())) {
      return Uni.createFrom().failure(new ForbiddenException(
          "operation is not permitted on predefined " + r.name() + " network "));
    }
    return Panache.withTransaction(() -> serialize().flatMap(v -> networks.find("name", r.name()).firstResult())
        .flatMap(existing -> {
          if (existing != null) {
            throw new ConflictException("network with name " + r.name() + " already exists");
          }
          return networks.listAll();
        })
        .flatMap(all -> insert(r.name(), r, all, false, null)))
        .onFailure(NetworkService::isOverlap).transform(e -> new ForbiddenException(
            "Pool overlaps with other one on this address space"))
        .map(n -> n.id);
  }

  /** The default {@code bridge} network, created on first start. */
  public Uni<NetworkEntity> ensureDefault(Subnet preferred) {
    return Panache.withTransaction(() -> serialize().flatMap(v -> networks.findDefault()).flatMap(existing -> {
      if (existing != null) {
        return Uni.createFrom().item(existing);
      }
      Request r = new Request(DEFAULT_NAME, false, Map.of(), Map.of(), null, null, null);
      return networks.listAll().flatMap(all -> insert(DEFAULT_NAME, r, all, true, preferred));
    }));
  }

  // Creating networks is rare: one at a time makes the overlap check plain Java, the exclusion
  // constraint still backs it.
  private Uni<Void> serialize() {
    return Panache.getSession().flatMap(s -> s.createNativeQuery(
            "select pg_advisory_xact_lock(hashtext('berth.network.create'))").getSingleResult())
        .replaceWithVoid();
  }

  private Uni<NetworkEntity> insert(String name, Request r, List<NetworkEntity> all, boolean isDefault, Subnet preferred) {
    List<Subnet> taken = new ArrayList<>(routes.subnets());
    all.forEach(n -> taken.add(Subnet.parse(n.subnet)));
    Subnet subnet = r.subnet();
    if (subnet != null) {
      if (taken.stream().anyMatch(subnet::overlaps)) {
        throw new ForbiddenException("Pool overlaps with other one on this address space");
      }
    } else {
      subnet = SubnetPlanner.pick(preferred, taken).orElseThrow(() -> new ForbiddenException(
          "could not find an available, non-overlapping IPv4 address pool among the defaults to assign to the network"));
    }
    NetworkEntity n = new NetworkEntity();
    n.id = newId();
    n.name = name;
    n.driver = "bridge";
    n.subnet = subnet.toString();
    n.gateway = Ipv4.format(r.gateway() != null ? r.gateway() : subnet.address(1));
    n.ipRange = r.ipRange() == null ? null : r.ipRange().toString();
    n.internal = r.internal();
    n.isDefault = isDefault;
    n.bridge = isDefault ? DEFAULT_BRIDGE : HostRoutes.BRIDGE_PREFIX + "-" + n.id.substring(0, 9);
    n.labels = JsonColumns.write(r.labels());
    n.options = JsonColumns.write(r.options());
    n.createdAt = Instant.now();
    return networks.persist(n)
        .flatMap(x -> events.emit(new NetworkCreated(n.id, n.name, n.driver, n.subnet, n.createdAt)))
        .replaceWith(n);
  }

  private static boolean isOverlap(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getMessage() != null && t.getMessage().contains("networks_subnets_disjoint")) {
        return true;
      }
    }
    return false;
  }

  static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** {@code GET /networks}. */
  public Uni<List<Map<String, Object>>> list(String filters) {
    NetworkFilters f = NetworkFilters.parse(filters);
    return Panache.withSession(() -> networks.listByName().flatMap(all -> endpoints.listAll().map(eps -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (NetworkEntity n : all) {
        List<EndpointEntity> mine = eps.stream().filter(e -> e.networkId.equals(n.id)).toList();
        if (f.matches(n, mine.size())) {
          out.add(NetworkViews.network(n, mine));
        }
      }
      return out;
    })));
  }

  /** {@code GET /networks/{id}}. */
  public Uni<Map<String, Object>> inspect(String ref) {
    return Panache.withSession(() -> require(ref).flatMap(n -> endpoints.onNetwork(n.id)
        .map(eps -> NetworkViews.network(n, eps))));
  }

  public Uni<NetworkEntity> require(String ref) {
    return networks.resolve(ref).map(n -> n.orElseThrow(() -> new NotFoundException("network " + ref + " not found")));
  }

  /** {@code DELETE /networks/{id}}: 409 while containers are attached. */
  public Uni<Void> remove(String ref) {
    return Panache.withTransaction(() -> require(ref).flatMap(n -> networks.lock(n.id)).flatMap(n -> {
      if (n.isDefault) {
        throw new ForbiddenException(n.name + " is a pre-defined network and cannot be removed");
      }
      return endpoints.countOnNetwork(n.id).flatMap(count -> {
        if (count > 0) {
          throw new ConflictException("error while removing network: network " + n.name + " id " + n.id
              + " has active endpoints");
        }
        return delete(n);
      });
    }));
  }

  private Uni<Void> delete(NetworkEntity n) {
    return networks.delete(n)
        .flatMap(v -> events.emit(new NetworkRemoved(n.id, n.name, n.driver, Instant.now())));
  }

  /** {@code POST /networks/prune}: removes user-defined networks without endpoints. */
  public Uni<List<String>> prune(String filters) {
    NetworkFilters f = NetworkFilters.parse(filters);
    return Panache.withTransaction(() -> networks.listByName().flatMap(all -> {
      Uni<List<String>> chain = Uni.createFrom().item(new ArrayList<>());
      for (NetworkEntity candidate : all) {
        if (candidate.isDefault) {
          continue;
        }
        chain = chain.flatMap(removed -> networks.lock(candidate.id).flatMap(n -> endpoints.countOnNetwork(n.id)
            .flatMap(count -> count > 0 || !f.matches(n, count)
                ? Uni.createFrom().item(removed)
                : delete(n).map(v -> {
                  removed.add(n.name);
                  return removed;
                }))));
      }
      return chain;
    }));
  }

  /** For callers that hold a session: every network. */
  public Uni<List<NetworkEntity>> all() {
    return networks.listAll();
  }

}
