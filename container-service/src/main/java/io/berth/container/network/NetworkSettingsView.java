package io.berth.container.network;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Docker's NetworkSettings of a container for inspect and {@code ps}: network-service's answer at
 * the last start while it runs; once it stopped, the same networks without addresses or ports,
 * as Docker shows a stopped container.
 */
public final class NetworkSettingsView {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String[] ADDRESS_FIELDS = {"EndpointID", "Gateway", "IPAddress", "MacAddress"};

  private NetworkSettingsView() {}

  /** The inspect view; {@code networkMode} names the entry of a container never started. */
  public static JsonNode inspect(String settingsJson, boolean running, String networkMode) {
    ObjectNode s = parse(settingsJson);
    if (s == null) {
      s = MAPPER.createObjectNode();
      s.put("Bridge", "").put("SandboxID", "").put("SandboxKey", "");
      s.putObject("Ports");
      for (String f : ADDRESS_FIELDS) {
        s.put(f, "");
      }
      s.put("IPPrefixLen", 0);
      ObjectNode net = s.putObject("Networks").putObject(displayName(networkMode));
      net.putNull("IPAMConfig");
      net.putNull("Links");
      net.putNull("Aliases");
      net.put("NetworkID", "");
      for (String f : ADDRESS_FIELDS) {
        net.put(f, "");
      }
      net.put("IPPrefixLen", 0);
      return s;
    }
    if (!running) {
      s.putObject("Ports");
      s.put("SandboxKey", "");
      blank(s);
      s.path("Networks").forEach(n -> blank((ObjectNode) n));
    }
    return s;
  }

  /** {@code ps}' Ports list: {@code {IP, PrivatePort, PublicPort, Type}} per binding. */
  public static List<Object> summaryPorts(String settingsJson, boolean running) {
    List<Object> out = new ArrayList<>();
    ObjectNode s = parse(settingsJson);
    if (s == null || !running) {
      return out;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = s.path("Ports").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      String[] key = e.getKey().split("/");
      int priv = Integer.parseInt(key[0]);
      String type = key.length > 1 ? key[1] : "tcp";
      if (e.getValue() == null || !e.getValue().isArray()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("PrivatePort", priv);
        p.put("Type", type);
        out.add(p);
        continue;
      }
      for (JsonNode b : e.getValue()) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("IP", b.path("HostIp").asText());
        p.put("PrivatePort", priv);
        p.put("PublicPort", Integer.parseInt(b.path("HostPort").asText("0")));
        p.put("Type", type);
        out.add(p);
      }
    }
    return out;
  }

  /** {@code ps}' NetworkSettings.Networks. */
  public static Map<String, Object> summaryNetworks(String settingsJson, boolean running, String networkMode) {
    JsonNode nets = inspect(settingsJson, running, networkMode).path("Networks");
    Map<String, Object> out = new LinkedHashMap<>();
    nets.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  /**
   * {@code settingsJson} with the {@code Networks} entry {@code network} put ({@code entry} null:
   * removed): a running container connected to or disconnected from a network.
   */
  public static String withNetwork(String settingsJson, String network, JsonNode entry) {
    ObjectNode s = parse(settingsJson);
    if (s == null) {
      return settingsJson;
    }
    ObjectNode nets = s.has("Networks") && s.get("Networks").isObject() ? (ObjectNode) s.get("Networks") : s.putObject("Networks");
    if (entry == null) {
      nets.remove(network);
    } else {
      nets.set(network, entry);
    }
    return s.toString();
  }

  private static String displayName(String networkMode) {
    return networkMode == null || networkMode.isEmpty() || networkMode.equals("default") ? "bridge"
        : networkMode.startsWith("container:") ? "container" : networkMode;
  }

  private static void blank(ObjectNode n) {
    for (String f : ADDRESS_FIELDS) {
      if (n.has(f)) {
        n.put(f, "");
      }
    }
    if (n.has("IPPrefixLen")) {
      n.put("IPPrefixLen", 0);
    }
  }

  private static ObjectNode parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      JsonNode n = MAPPER.readTree(json);
      return n instanceof ObjectNode o ? o : null;
    } catch (IOException e) {
      return null;
    }
  }
}
