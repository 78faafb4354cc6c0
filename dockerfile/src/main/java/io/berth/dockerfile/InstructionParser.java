package io.berth.dockerfile;

import io.berth.dockerfile.BuilderFlags.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Turns one logical line into instructions, with Docker's argument rules and error messages per
 * instruction. Returns a list because {@code ARG a b=1} declares several arguments.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/">Dockerfile reference</a>
 */
final class InstructionParser {
  private static final Pattern KEYWORD_SPLIT = Pattern.compile("[\\t\\u000B\\f\\r ]+");
  private static final Pattern STAGE_NAME = Pattern.compile("^[a-z][a-z0-9-_.]*$");
  private static final Map<String, Kind> COPY_FLAGS =
      Map.of("from", Kind.STRING, "chown", Kind.STRING, "chmod", Kind.STRING, "link", Kind.BOOL);
  private static final Map<String, Kind> ADD_FLAGS =
      Map.of("chown", Kind.STRING, "chmod", Kind.STRING, "checksum", Kind.STRING, "link", Kind.BOOL);

  private final String fileName;
  private final char escape;

  InstructionParser(String fileName, char escape) {
    this.fileName = fileName;
    this.escape = escape;
  }

  List<Instruction> parse(LogicalLines.Line line) {
    return parse(line.text(), new Location(fileName, line.start()), line.heredocs());
  }

  private List<Instruction> parse(String text, Location at, List<Heredoc> heredocs) {
    String original = text.strip();
    String[] split = KEYWORD_SPLIT.split(original, 2);
    String keyword = split[0];
    Words.Flagged flagged = Words.extractFlags(split.length > 1 ? split[1] : "");
    Parsing p = new Parsing(at, original, flagged.rest(), flagged.flags(), heredocs);
    switch (keyword.toLowerCase(Locale.ROOT)) {
      case "from":
        return List.of(from(p));
      case "run":
        return List.of(run(p));
      case "cmd":
        p.flags(BuilderFlags.none());
        return List.of(new Instruction.Cmd(at, original, command(p)));
      case "entrypoint":
        p.flags(BuilderFlags.none());
        return List.of(new Instruction.Entrypoint(at, original, command(p)));
      case "env":
        p.flags(BuilderFlags.none());
        return List.of(new Instruction.Env(at, original, KeyValues.parse(p, "ENV", escape)));
      case "label":
        p.flags(BuilderFlags.none());
        return List.of(new Instruction.Label(at, original, KeyValues.parse(p, "LABEL", escape)));
      case "arg":
        return args(p);
      case "expose":
        return List.of(new Instruction.Expose(at, original, atLeastOne(p, "EXPOSE")));
      case "user":
        return List.of(new Instruction.User(at, original, exactlyOne(p, "USER")));
      case "workdir":
        return List.of(new Instruction.Workdir(at, original, exactlyOne(p, "WORKDIR")));
      case "stopsignal":
        return List.of(new Instruction.StopSignal(at, original, exactlyOne(p, "STOPSIGNAL")));
      case "maintainer":
        return List.of(new Instruction.Maintainer(at, original, exactlyOne(p, "MAINTAINER")));
      case "volume":
        return List.of(volume(p));
      case "copy":
        return List.of(copy(p));
      case "add":
        return List.of(add(p));
      case "shell":
        return List.of(shell(p));
      case "healthcheck":
        return List.of(Healthchecks.parse(p, escape));
      case "onbuild":
        return List.of(onBuild(p));
      default:
        throw new DockerfileException(at, "unknown instruction: " + keyword.toUpperCase(Locale.ROOT));
    }
  }

  private Instruction.From from(Parsing p) {
    BuilderFlags flags = p.flags(Map.of("platform", Kind.STRING));
    List<String> args = Words.whitespaceDelimited(p.rest());
    String alias = null;
    if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
      alias = args.get(2).toLowerCase(Locale.ROOT);
      if (!STAGE_NAME.matcher(alias).matches()) {
        throw p.error(
            "invalid name for build stage: \""
                + args.get(2)
                + "\", name can't start with a number or contain symbols");
      }
    } else if (args.size() != 1) {
      throw p.error("FROM requires either one or three arguments");
    }
    return new Instruction.From(p.at(), p.original(), args.get(0), alias, flags.string("platform"));
  }

  private Instruction.Run run(Parsing p) {
    BuilderFlags flags =
        p.flags(Map.of("mount", Kind.STRINGS, "network", Kind.STRING, "security", Kind.STRING));
    for (String name : flags.given()) {
      // Only the default network is what Berth's builder does anyway; the rest needs BuildKit.
      if (name.equals("network") && "default".equals(flags.string(name))) {
        continue;
      }
      throw p.error(
          "the --"
              + name
              + " option requires BuildKit. Refer to https://docs.docker.com/go/buildkit/ to learn"
              + " how to build images with BuildKit enabled");
    }
    if (!p.heredocs().isEmpty()) {
      return new Instruction.Run(p.at(), p.original(), HeredocCommands.run(p));
    }
    return new Instruction.Run(p.at(), p.original(), command(p));
  }

  /** Exec form when the arguments are a JSON array of strings, else shell form. */
  private static Command command(Parsing p) {
    List<String> json = JsonArgs.parse(p.rest(), p.at());
    if (json != null) {
      return new Command(json, false);
    }
    return new Command(p.rest().isEmpty() ? List.of() : List.of(p.rest()), true);
  }

  /** JSON array or whitespace-separated words (ADD, COPY, VOLUME). */
  private static List<String> list(Parsing p) {
    List<String> json = JsonArgs.parse(p.rest(), p.at());
    return json != null ? json : Words.whitespaceDelimited(p.rest());
  }

  private List<Instruction> args(Parsing p) {
    p.flags(BuilderFlags.none());
    List<String> words = Words.quoteAware(p.rest(), escape);
    if (words.isEmpty()) {
      throw p.error("ARG requires at least one argument");
    }
    List<Instruction> out = new ArrayList<>();
    for (String word : words) {
      int eq = word.indexOf('=');
      if (eq == 0) {
        throw p.error("ARG names can not be blank");
      }
      String name = eq < 0 ? word : word.substring(0, eq);
      String value = eq < 0 ? null : word.substring(eq + 1);
      out.add(new Instruction.Arg(p.at(), p.original(), name, value));
    }
    return out;
  }

  private static List<String> atLeastOne(Parsing p, String keyword) {
    p.flags(BuilderFlags.none());
    List<String> words = Words.whitespaceDelimited(p.rest());
    if (words.isEmpty()) {
      throw p.error(keyword + " requires at least one argument");
    }
    return words;
  }

  private static String exactlyOne(Parsing p, String keyword) {
    p.flags(BuilderFlags.none());
    if (p.rest().isEmpty()) {
      throw p.error(keyword + " requires exactly one argument");
    }
    return p.rest();
  }

  private static Instruction.Volume volume(Parsing p) {
    p.flags(BuilderFlags.none());
    List<String> paths = new ArrayList<>();
    for (String path : list(p)) {
      if (path.isBlank()) {
        throw p.error("VOLUME specified can not be an empty string");
      }
      paths.add(path.strip());
    }
    if (paths.isEmpty()) {
      throw p.error("VOLUME requires at least one argument");
    }
    return new Instruction.Volume(p.at(), p.original(), paths);
  }

  private static Instruction.Copy copy(Parsing p) {
    BuilderFlags flags = p.flags(COPY_FLAGS);
    List<String> args = sourcesAndDestination(p, "COPY");
    return new Instruction.Copy(
        p.at(),
        p.original(),
        args.subList(0, args.size() - 1),
        args.get(args.size() - 1),
        flags.string("from"),
        flags.string("chown"),
        flags.string("chmod"),
        flags.bool("link"));
  }

  private static Instruction.Add add(Parsing p) {
    BuilderFlags flags = p.flags(ADD_FLAGS);
    List<String> args = sourcesAndDestination(p, "ADD");
    return new Instruction.Add(
        p.at(),
        p.original(),
        args.subList(0, args.size() - 1),
        args.get(args.size() - 1),
        flags.string("chown"),
        flags.string("chmod"),
        flags.string("checksum"));
  }

  private static List<String> sourcesAndDestination(Parsing p, String keyword) {
    if (!p.heredocs().isEmpty()) {
      throw p.error(keyword + " with a heredoc source is not supported yet");
    }
    List<String> args = list(p);
    if (args.size() < 2) {
      throw p.error(
          keyword
              + " requires at least two arguments, but only one was provided. Destination could"
              + " not be determined.");
    }
    return args;
  }

  private static Instruction.Shell shell(Parsing p) {
    p.flags(BuilderFlags.none());
    List<String> json = JsonArgs.parse(p.rest(), p.at());
    if (json == null && p.rest().isEmpty() || json != null && json.isEmpty()) {
      throw p.error("SHELL requires at least one argument");
    }
    if (json == null) {
      throw p.error("SHELL requires the arguments to be in JSON form");
    }
    return new Instruction.Shell(p.at(), p.original(), json);
  }

  private Instruction.OnBuild onBuild(Parsing p) {
    p.flags(BuilderFlags.none());
    String expression = p.rest();
    if (expression.isEmpty()) {
      throw p.error("ONBUILD requires at least one argument");
    }
    String trigger = KEYWORD_SPLIT.split(expression, 2)[0].toUpperCase(Locale.ROOT);
    if (trigger.equals("ONBUILD")) {
      throw p.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed");
    }
    if (trigger.equals("MAINTAINER") || trigger.equals("FROM")) {
      throw p.error(trigger + " isn't allowed as an ONBUILD trigger");
    }
    List<Instruction> parsed = parse(expression, p.at(), List.of());
    return new Instruction.OnBuild(p.at(), p.original(), expression, parsed.get(0));
  }
}
