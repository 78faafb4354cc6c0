package io.berth.container.container;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.events.container.v1.ContainerLogConfig;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HostConfig.LogConfig ({@code --log-driver}, {@code --log-opt}) with the json-file driver's
 * semantics: {@code max-size} (binary units, "10k" = 10240 bytes; -1 = unlimited) and
 * {@code max-file} (files kept, default 1). {@code local} is json-file with Docker's local-driver
 * defaults (20m, 5 files). Other drivers and options are refused, never ignored.
 */
final class LogOptions {
  // Options that only label log entries (docker logs --details); accepted, without effect here.
  private static final Set<String> LABEL_OPTIONS = Set.of("labels", "labels-regex", "env", "env-regex", "tag");
  private static final Pattern SIZE = Pattern.compile("([0-9]+(?:\\.[0-9]+)?)\\s*([kmgtp]?)i?b?");

  private LogOptions() {}

  static ContainerLogConfig of(JsonNode logConfig) {
    String driver = logConfig.path("Type").asText("");
    Long maxSize = null;
    int maxFiles = 1;
    switch (driver) {
      case "", "json-file" -> { }
      case "local" -> {
        maxSize = 20L << 20;
        maxFiles = 5;
      }
      default -> throw new InvalidArgumentException("logger: no log driver named '" + driver
          + "' is registered: Berth supports the json-file and local drivers");
    }
    String name = driver.isEmpty() ? "json-file" : driver;
    boolean filesGiven = false;
    for (Iterator<Map.Entry<String, JsonNode>> it = logConfig.path("Config").fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> opt = it.next();
      String value = opt.getValue().asText("");
      switch (opt.getKey()) {
        case "max-size" -> maxSize = value.equals("-1") ? null : size(value, name);
        case "max-file" -> {
          maxFiles = files(value, name);
          filesGiven = true;
        }
        case "compress" -> {
          if (!value.equals("false")) {
            throw new InvalidArgumentException("compress is not supported by Berth's " + name + " log driver");
          }
        }
        default -> {
          if (!LABEL_OPTIONS.contains(opt.getKey())) {
            throw new InvalidArgumentException("unknown log opt '" + opt.getKey() + "' for " + name + " log driver");
          }
        }
      }
    }
    if (maxSize == null) {
      if (filesGiven && maxFiles > 1) {
        throw new InvalidArgumentException("max-file can only be set with max-size");
      }
      return null;
    }
    return new ContainerLogConfig(maxSize, maxFiles);
  }

  private static long size(String value, String driver) {
    Matcher m = SIZE.matcher(value.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new InvalidArgumentException("invalid max-size for " + driver + " log driver: \"" + value + "\"");
    }
    int shift = switch (m.group(2)) {
      case "k" -> 10;
      case "m" -> 20;
      case "g" -> 30;
      case "t" -> 40;
      case "p" -> 50;
      default -> 0;
    };
    long bytes = (long) (Double.parseDouble(m.group(1)) * (1L << shift));
    if (bytes <= 0) {
      throw new InvalidArgumentException("invalid max-size for " + driver + " log driver: \"" + value + "\"");
    }
    return bytes;
  }

  private static int files(String value, String driver) {
    try {
      int n = Integer.parseInt(value.strip());
      if (n < 1) {
        throw new InvalidArgumentException("max-file cannot be less than 1");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new InvalidArgumentException("invalid max-file for " + driver + " log driver: \"" + value + "\"");
    }
  }
}
