package io.berth.dockerfile;

import io.berth.dockerfile.BuilderFlags.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * HEALTHCHECK's arguments: {@code NONE}, or options then {@code CMD} in exec or shell form.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#healthcheck">HEALTHCHECK</a>
 */
final class Healthchecks {
  private static final Duration MINIMUM = Duration.ofMillis(1);
  private static final Map<String, Kind> FLAGS =
      Map.of(
          "interval", Kind.STRING,
          "timeout", Kind.STRING,
          "start-period", Kind.STRING,
          "start-interval", Kind.STRING,
          "retries", Kind.STRING);

  private Healthchecks() {}

  static Instruction.Healthcheck parse(Parsing p, char escape) {
    String rest = p.rest();
    int sep = 0;
    while (sep < rest.length() && !Character.isWhitespace(rest.charAt(sep))) {
      sep++;
    }
    if (sep == 0) {
      throw p.error("HEALTHCHECK requires at least one argument");
    }
    String type = rest.substring(0, sep).toUpperCase(Locale.ROOT);
    String command = rest.substring(sep).strip();
    if (type.equals("NONE")) {
      // Docker ignores options given with NONE.
      if (!command.isEmpty()) {
        throw p.error("HEALTHCHECK NONE takes no arguments");
      }
      return new Instruction.Healthcheck(
          p.at(), p.original(), List.of("NONE"), null, null, null, null, null);
    }
    BuilderFlags flags = p.flags(FLAGS);
    if (!type.equals("CMD")) {
      throw p.error("Unknown type \"" + type + "\" in HEALTHCHECK (try CMD)");
    }
    List<String> test = new ArrayList<>();
    List<String> json = JsonArgs.parse(command, p.at());
    if (json != null) {
      test.add("CMD");
      test.addAll(json);
    } else if (!command.isEmpty()) {
      test.add("CMD-SHELL");
      test.add(command);
    }
    if (test.size() < 2) {
      throw p.error("Missing command after HEALTHCHECK CMD");
    }
    return new Instruction.Healthcheck(
        p.at(),
        p.original(),
        test,
        interval(p, flags, "interval"),
        interval(p, flags, "timeout"),
        interval(p, flags, "start-period"),
        interval(p, flags, "start-interval"),
        retries(p, flags));
  }

  private static Duration interval(Parsing p, BuilderFlags flags, String name) {
    String value = flags.string(name);
    if (value == null || value.isEmpty()) {
      return null;
    }
    Duration d;
    try {
      d = GoDuration.parse(value);
    } catch (IllegalArgumentException e) {
      throw p.error(e.getMessage());
    }
    if (d.isNegative()) {
      throw p.error("Interval \"" + name + "\" cannot be negative");
    }
    if (!d.isZero() && d.compareTo(MINIMUM) < 0) {
      throw p.error("Interval \"" + name + "\" cannot be less than 1ms");
    }
    return d;
  }

  private static Integer retries(Parsing p, BuilderFlags flags) {
    String value = flags.string("retries");
    if (value == null || value.isEmpty()) {
      return null;
    }
    int retries;
    try {
      retries = Integer.parseInt(value);
    } catch (NumberFormatException e) {
      throw p.error(
          "strconv.ParseInt: parsing \"" + value + "\": invalid syntax");
    }
    if (retries < 0) {
      throw p.error("--retries cannot be negative (" + retries + ")");
    }
    return retries;
  }
}
