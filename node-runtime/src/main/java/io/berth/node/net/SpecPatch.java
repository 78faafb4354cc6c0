package io.berth.node.net;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;

/**
 * Applies a {@link Sandbox} to a bundle's {@code config.json}: the network namespace to join (or
 * none, for host networking) and bind mounts of the generated {@code /etc} files. Idempotent, so
 * a restarted container's reused bundle is patched again for its new wiring.
 */
public final class SpecPatch {
  static final List<String> FILES = List.of("hosts", "hostname", "resolv.conf");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SpecPatch() {}

  public static void apply(Path bundleDir, Sandbox sandbox) throws IOException {
    if (sandbox == null || sandbox == Sandbox.UNCHANGED) {
      return;
    }
    Path config = bundleDir.resolve("config.json");
    ObjectNode spec = (ObjectNode) JSON.readTree(config.toFile());
    ArrayNode namespaces = (ArrayNode) spec.path("linux").path("namespaces");
    for (Iterator<JsonNode> it = namespaces.iterator(); it.hasNext(); ) {
      ObjectNode ns = (ObjectNode) it.next();
      if (!"network".equals(ns.path("type").asText())) {
        continue;
      }
      if (sandbox.hostNetwork()) {
        it.remove();
      } else if (sandbox.netnsPath() != null) {
        ns.put("path", sandbox.netnsPath());
      } else {
        ns.remove("path");
      }
    }
    if (!sandbox.hostNetwork() && namespaces.findValues("type").stream().noneMatch(t -> t.asText().equals("network"))) {
      ObjectNode ns = namespaces.addObject().put("type", "network");
      if (sandbox.netnsPath() != null) {
        ns.put("path", sandbox.netnsPath());
      }
    }
    ArrayNode mounts = spec.has("mounts") ? (ArrayNode) spec.get("mounts") : spec.putArray("mounts");
    for (Iterator<JsonNode> it = mounts.iterator(); it.hasNext(); ) {
      String dest = it.next().path("destination").asText();
      if (FILES.stream().anyMatch(f -> dest.equals("/etc/" + f))) {
        it.remove();
      }
    }
    if (sandbox.filesDir() != null) {
      for (String f : FILES) {
        ObjectNode m = mounts.addObject();
        m.put("destination", "/etc/" + f);
        m.put("type", "bind");
        m.put("source", sandbox.filesDir().resolve(f).toString());
        m.putArray("options").add("rbind").add("rprivate");
      }
    }
    Path tmp = bundleDir.resolve("config.json.net");
    JSON.writeValue(tmp.toFile(), spec);
    Files.move(tmp, config, java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
  }
}
