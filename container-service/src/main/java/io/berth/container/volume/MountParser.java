package io.berth.container.volume;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.InvalidArgumentException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Docker's mount options, parsed and checked at create: {@code HostConfig.Binds} ({@code -v
 * src:dst[:opts]}), {@code HostConfig.Mounts} ({@code --mount}) and {@code Config.Volumes} (an
 * image's VOLUME or a bare {@code -v /path}: anonymous volumes). Pure: volumes-from is merged by
 * the caller, which can look containers up.
 */
public final class MountParser {
  /** Docker's rule for volume names. */
  public static final Pattern NAME = Pattern.compile("[a-zA-Z0-9][a-zA-Z0-9_.-]+");
  private static final SecureRandom RANDOM = new SecureRandom();

  private MountParser() {}

  /** The mounts a create request asks for, destination → mount, in Docker's precedence. */
  public static Map<String, MountSpec> parse(JsonNode config, JsonNode hostConfig) {
    Map<String, MountSpec> out = new LinkedHashMap<>();
    for (JsonNode b : hostConfig.path("Binds")) {
      add(out, bind(b.asText("")));
    }
    for (JsonNode m : hostConfig.path("Mounts")) {
      MountSpec spec = mount(m);
      if (spec != null) {
        add(out, spec);
      }
    }
    config.path("Volumes").fieldNames().forEachRemaining(dst -> {
      if (!out.containsKey(clean(dst))) {
        checkDestination(dst);
        out.put(clean(dst), new MountSpec(MountSpec.VOLUME, anonymousName(), null, clean(dst), false, "", false, true));
      }
    });
    return out;
  }

  /** A fresh anonymous volume name (64 hex, like Docker's). */
  public static String anonymousName() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  // -v src:dst[:opts]; -v /dst alone arrives in Config.Volumes.
  static MountSpec bind(String spec) {
    String[] parts = spec.split(":", -1);
    if (parts.length < 2 || parts.length > 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
      throw new InvalidArgumentException("invalid volume specification: '" + spec + "'");
    }
    String mode = parts.length == 3 ? parts[2] : "";
    boolean ro = false;
    boolean noCopy = false;
    for (String o : mode.isEmpty() ? new String[0] : mode.split(",")) {
      switch (o) {
        case "ro" -> ro = true;
        case "rw", "z", "Z", "private", "rprivate", "shared", "rshared", "slave", "rslave", "consistent", "cached", "delegated" -> { }
        case "nocopy" -> noCopy = true;
        default -> throw new InvalidArgumentException("invalid mode: " + o);
      }
    }
    checkDestination(parts[1]);
    if (parts[0].startsWith("/")) {
      return new MountSpec(MountSpec.BIND, null, clean(parts[0]), clean(parts[1]), ro, mode, false, false);
    }
    if (!NAME.matcher(parts[0]).matches()) {
      throw new InvalidArgumentException("create " + parts[0] + ": \"" + parts[0]
          + "\" includes invalid characters for a local volume name, only \"[a-zA-Z0-9][a-zA-Z0-9_.-]\" are allowed."
          + " If you intended to pass a host directory, use absolute path");
    }
    return new MountSpec(MountSpec.VOLUME, parts[0], null, clean(parts[1]), ro, mode, noCopy, false);
  }

  // --mount type=bind|volume|tmpfs,...; tmpfs mounts are HostOptions' business (null here).
  static MountSpec mount(JsonNode m) {
    String type = m.path("Type").asText("");
    String source = m.path("Source").asText("");
    String target = m.path("Target").asText("");
    boolean ro = m.path("ReadOnly").asBoolean(false);
    if (target.isEmpty()) {
      throw new InvalidArgumentException("invalid mount config for type \"" + type + "\": field Target must not be empty");
    }
    switch (type) {
      case "bind" -> {
        if (!source.startsWith("/")) {
          throw new InvalidArgumentException("invalid mount config for type \"bind\": invalid mount path: '"
              + source + "' mount path must be absolute");
        }
        checkDestination(target);
        return new MountSpec(MountSpec.BIND, null, clean(source), clean(target), ro, ro ? "ro" : "", false, false);
      }
      case "volume" -> {
        if (!source.isEmpty() && !NAME.matcher(source).matches()) {
          throw new InvalidArgumentException("invalid mount config for type \"volume\": invalid volume name \"" + source + "\"");
        }
        checkDestination(target);
        boolean noCopy = m.path("VolumeOptions").path("NoCopy").asBoolean(false);
        return new MountSpec(MountSpec.VOLUME, source.isEmpty() ? anonymousName() : source, null, clean(target), ro,
            ro ? "ro" : "", noCopy, source.isEmpty());
      }
      case "tmpfs" -> {
        return null;
      }
      default -> throw new InvalidArgumentException("mount type unknown: \"" + type + "\"");
    }
  }

  static void add(Map<String, MountSpec> out, MountSpec spec) {
    if (out.containsKey(spec.destination())) {
      throw new InvalidArgumentException("Duplicate mount point: " + spec.destination());
    }
    out.put(spec.destination(), spec);
  }

  static void checkDestination(String dst) {
    if (!dst.startsWith("/")) {
      throw new InvalidArgumentException("invalid volume specification: '" + dst + "': mount path must be absolute");
    }
    if (clean(dst).equals("/")) {
      throw new InvalidArgumentException("invalid specification: destination can't be '/'");
    }
  }

  /** The path without trailing or doubled slashes and without "." parts. */
  static String clean(String path) {
    List<String> parts = new ArrayList<>();
    for (String p : path.split("/")) {
      if (p.isEmpty() || p.equals(".")) {
        continue;
      }
      if (p.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(p);
    }
    return "/" + String.join("/", parts);
  }
}
