package io.berth.image.importer;

import com.fasterxml.jackson.core.type.TypeReference;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.OciJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies {@code docker import --change} instructions (CMD, ENTRYPOINT, ENV, WORKDIR, USER, LABEL,
 * EXPOSE, VOLUME, STOPSIGNAL) to an image config, with Dockerfile semantics: JSON or shell form,
 * later ENV/LABEL entries win.
 */
public final class ChangeInstructions {
  private ChangeInstructions() {}

  public static ImageConfigJson.Config apply(ImageConfigJson.Config base, List<String> changes) {
    Builder b = new Builder(base);
    for (String change : changes) {
      String line = change.strip();
      if (line.isEmpty()) {
        continue;
      }
      String[] parts = line.split("\\s+", 2);
      String instr = parts[0].toUpperCase(Locale.ROOT);
      String args = parts.length > 1 ? parts[1].strip() : "";
      switch (instr) {
        case "CMD" -> b.cmd = command(args);
        case "ENTRYPOINT" -> b.entrypoint = command(args);
        case "ENV" -> keyValues(args, "ENV").forEach((k, v) -> b.env.put(k, v));
        case "LABEL" -> b.labels.putAll(keyValues(args, "LABEL"));
        case "WORKDIR" -> b.workingDir = required(args, instr);
        case "USER" -> b.user = required(args, instr);
        case "STOPSIGNAL" -> b.stopSignal = required(args, instr);
        case "EXPOSE" -> words(args, instr).forEach(p -> b.ports.put(p.contains("/") ? p : p + "/tcp", Map.of()));
        case "VOLUME" -> words(args, instr).forEach(v -> b.volumes.put(v, Map.of()));
        default -> throw new InvalidImportException(instr + " is not a valid change command");
      }
    }
    return b.build();
  }

  private static String required(String args, String instr) {
    if (args.isEmpty()) {
      throw new InvalidImportException(instr + " requires exactly one argument");
    }
    return args;
  }

  /** JSON array form, or shell form wrapped as {@code /bin/sh -c}. */
  private static List<String> command(String args) {
    if (args.startsWith("[")) {
      try {
        return OciJson.mapper().readValue(args, new TypeReference<List<String>>() {});
      } catch (Exception e) {
        // Docker falls back to shell form when the JSON does not parse.
      }
    }
    return List.of("/bin/sh", "-c", args);
  }

  private static List<String> words(String args, String instr) {
    if (args.isEmpty()) {
      throw new InvalidImportException(instr + " requires at least one argument");
    }
    if (args.startsWith("[")) {
      try {
        return OciJson.mapper().readValue(args, new TypeReference<List<String>>() {});
      } catch (Exception e) {
        // not JSON: whitespace-separated words, as Docker does
      }
    }
    return List.of(args.split("\\s+"));
  }

  /** {@code k=v k2="v 2"} or the legacy single pair {@code k v}. */
  private static Map<String, String> keyValues(String args, String instr) {
    Map<String, String> out = new LinkedHashMap<>();
    if (args.isEmpty()) {
      throw new InvalidImportException(instr + " requires at least one argument");
    }
    String[] first = args.split("\\s+", 2);
    if (!first[0].contains("=")) {
      if (first.length < 2) {
        throw new InvalidImportException(instr + " names must have a value: " + args);
      }
      out.put(first[0], unquote(first[1]));
      return out;
    }
    for (String token : tokens(args)) {
      int eq = token.indexOf('=');
      if (eq <= 0) {
        throw new InvalidImportException(instr + " expects key=value pairs, got: " + token);
      }
      out.put(token.substring(0, eq), unquote(token.substring(eq + 1)));
    }
    return out;
  }

  // Splits on whitespace outside double quotes, keeping the quotes for unquote().
  private static List<String> tokens(String s) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' && i + 1 < s.length()) {
        cur.append(c).append(s.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
        cur.append(c);
      } else if (Character.isWhitespace(c) && !quoted) {
        if (cur.length() > 0) {
          out.add(cur.toString());
          cur.setLength(0);
        }
      } else {
        cur.append(c);
      }
    }
    if (cur.length() > 0) {
      out.add(cur.toString());
    }
    return out;
  }

  private static String unquote(String v) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == '\\' && i + 1 < v.length()) {
        out.append(v.charAt(++i));
      } else if (c != '"') {
        out.append(c);
      }
    }
    return out.toString();
  }

  /** Mutable accumulator seeded from the base config. */
  private static final class Builder {
    List<String> cmd;
    List<String> entrypoint;
    final Map<String, String> env = new LinkedHashMap<>();
    final Map<String, String> labels = new LinkedHashMap<>();
    final Map<String, Object> ports = new LinkedHashMap<>();
    final Map<String, Object> volumes = new LinkedHashMap<>();
    String workingDir;
    String user;
    String stopSignal;

    Builder(ImageConfigJson.Config base) {
      cmd = base.cmd();
      entrypoint = base.entrypoint();
      if (base.env() != null) {
        for (String e : base.env()) {
          int eq = e.indexOf('=');
          env.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
        }
      }
      if (base.labels() != null) {
        labels.putAll(base.labels());
      }
      if (base.exposedPorts() != null) {
        ports.putAll(base.exposedPorts());
      }
      if (base.volumes() != null) {
        volumes.putAll(base.volumes());
      }
      workingDir = base.workingDir();
      user = base.user();
      stopSignal = base.stopSignal();
    }

    ImageConfigJson.Config build() {
      List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
      return new ImageConfigJson.Config(
          user, ports.isEmpty() ? null : ports, envList.isEmpty() ? null : envList, entrypoint, cmd,
          volumes.isEmpty() ? null : volumes, workingDir, labels.isEmpty() ? null : labels, stopSignal);
    }
  }
}
