package io.berth.network.port;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.InvalidArgumentException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One host port wanted for one container port: from {@code HostConfig.PortBindings} (the CLI has
 * already expanded {@code -p} ranges into one entry per container port) or from {@code -P} for
 * each exposed port.
 *
 * @param hostIp empty = every address
 * @param hostPortFirst first acceptable host port; 0 = any ephemeral port
 * @param hostPortLast last acceptable host port (a {@code 8000-8010:80} range), equal to first otherwise
 */
public record PortRequest(String hostIp, int hostPortFirst, int hostPortLast, int containerPort, String protocol) {

  /** Reads {@code PortBindings} and, with {@code publishAll}, the exposed ports without a binding. */
  public static List<PortRequest> of(JsonNode portBindings, boolean publishAll, Set<String> exposed) {
    List<PortRequest> out = new ArrayList<>();
    Set<String> bound = new LinkedHashSet<>();
    if (portBindings != null && portBindings.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = portBindings.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        bound.add(e.getKey());
        int[] cp = containerPort(e.getKey());
        String proto = protocol(e.getKey());
        JsonNode list = e.getValue();
        if (list == null || !list.isArray() || list.isEmpty()) {
          out.add(new PortRequest("", 0, 0, cp[0], proto));
          continue;
        }
        for (JsonNode b : list) {
          String hostIp = b.path("HostIp").asText("");
          int[] hp = hostPorts(b.path("HostPort").asText(""));
          out.add(new PortRequest(hostIp, hp[0], hp[1], cp[0], proto));
        }
      }
    }
    if (publishAll) {
      for (String port : exposed) {
        if (!bound.contains(port)) {
          out.add(new PortRequest("", 0, 0, containerPort(port)[0], protocol(port)));
        }
      }
    }
    return out;
  }

  static int[] containerPort(String key) {
    String port = key.contains("/") ? key.substring(0, key.indexOf('/')) : key;
    try {
      int p = Integer.parseInt(port);
      if (p < 1 || p > 65535) {
        throw new NumberFormatException();
      }
      return new int[] {p};
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("invalid port specification: \"" + key + "\"");
    }
  }

  static String protocol(String key) {
    String proto = key.contains("/") ? key.substring(key.indexOf('/') + 1).toLowerCase() : "tcp";
    if (!proto.equals("tcp") && !proto.equals("udp")) {
      throw new InvalidArgumentException("invalid proto: " + proto);
    }
    return proto;
  }

  static int[] hostPorts(String text) {
    if (text.isEmpty()) {
      return new int[] {0, 0};
    }
    try {
      int dash = text.indexOf('-');
      int first = Integer.parseInt(dash < 0 ? text : text.substring(0, dash));
      int last = dash < 0 ? first : Integer.parseInt(text.substring(dash + 1));
      if (first < 1 || last > 65535 || last < first) {
        throw new NumberFormatException();
      }
      return new int[] {first, last};
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("invalid hostPort: " + text);
    }
  }

  /** Docker's key, e.g. {@code 8080/tcp}. */
  public String key() {
    return containerPort + "/" + protocol;
  }
}
