package io.berth.dockerfile;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One Dockerfile instruction as parsed, before variable substitution. {@link #expand} applies
 * Docker's substitution and quote removal to the instructions Docker applies it to (ADD COPY ENV
 * EXPOSE FROM LABEL STOPSIGNAL USER VOLUME WORKDIR and ARG defaults); the others come back as is.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/#environment-replacement">Environment
 *     replacement</a>
 */
public sealed interface Instruction {
  Location location();

  /** The source text, continuation lines joined, as Docker prints it in "Step 3/8 : ...". */
  String original();

  /** The keyword in upper case, e.g. {@code RUN}. */
  default String keyword() {
    return getClass().getSimpleName().toUpperCase(Locale.ROOT);
  }

  /** Substitutes with the default escape character, backslash. */
  default Instruction expand(Map<String, String> env) {
    return expand(env, '\\');
  }

  /** Substitutes with the Dockerfile's escape character ({@link Dockerfile#escape()}). */
  Instruction expand(Map<String, String> env, char escape);

  /** {@code FROM [--platform=p] image [AS alias]}; alias is lower-cased, null when absent. */
  record From(Location location, String original, String image, String alias, String platform)
      implements Instruction {
    /** Typed, because stages hand out their FROM on its own ({@link Stage#from()}). */
    @Override
    public From expand(Map<String, String> env) {
      return expand(env, '\\');
    }

    @Override
    public From expand(Map<String, String> env, char escape) {
      Expander x = new Expander(env, escape, location);
      return new From(location, original, x.word(image), alias, x.word(platform));
    }
  }

  record Run(Location location, String original, Command command) implements Instruction {
    @Override
    public Run expand(Map<String, String> env, char escape) {
      return this;
    }
  }

  record Cmd(Location location, String original, Command command) implements Instruction {
    @Override
    public Cmd expand(Map<String, String> env, char escape) {
      return this;
    }
  }

  record Entrypoint(Location location, String original, Command command) implements Instruction {
    @Override
    public Entrypoint expand(Map<String, String> env, char escape) {
      return this;
    }
  }

  /** ENV, in the {@code k=v ...} form or the legacy {@code ENV k v} form. */
  record Env(Location location, String original, List<KeyValue> pairs) implements Instruction {
    public Env {
      pairs = List.copyOf(pairs);
    }

    @Override
    public Env expand(Map<String, String> env, char escape) {
      return new Env(location, original, new Expander(env, escape, location).pairs(pairs));
    }
  }

  /** One ARG; an {@code ARG a b=1} line yields one record per name, sharing location and text. */
  record Arg(Location location, String original, String name, String defaultValue)
      implements Instruction {
    @Override
    public Arg expand(Map<String, String> env, char escape) {
      Expander x = new Expander(env, escape, location);
      return new Arg(location, original, x.word(name), x.word(defaultValue));
    }
  }

  record Label(Location location, String original, List<KeyValue> pairs) implements Instruction {
    public Label {
      pairs = List.copyOf(pairs);
    }

    @Override
    public Label expand(Map<String, String> env, char escape) {
      return new Label(location, original, new Expander(env, escape, location).pairs(pairs));
    }
  }

  record Expose(Location location, String original, List<String> ports) implements Instruction {
    public Expose {
      ports = List.copyOf(ports);
    }

    @Override
    public Expose expand(Map<String, String> env, char escape) {
      return new Expose(location, original, new Expander(env, escape, location).words(ports));
    }
  }

  record User(Location location, String original, String user) implements Instruction {
    @Override
    public User expand(Map<String, String> env, char escape) {
      return new User(location, original, new Expander(env, escape, location).word(user));
    }
  }

  record Workdir(Location location, String original, String path) implements Instruction {
    @Override
    public Workdir expand(Map<String, String> env, char escape) {
      return new Workdir(location, original, new Expander(env, escape, location).word(path));
    }
  }

  /** VOLUME in JSON or space-separated form. */
  record Volume(Location location, String original, List<String> paths) implements Instruction {
    public Volume {
      paths = List.copyOf(paths);
    }

    @Override
    public Volume expand(Map<String, String> env, char escape) {
      return new Volume(location, original, new Expander(env, escape, location).words(paths));
    }
  }

  /** COPY; {@code from} (a stage name or index, or an image) and the flags are null when absent. */
  record Copy(
      Location location,
      String original,
      List<String> sources,
      String destination,
      String from,
      String chown,
      String chmod,
      boolean link)
      implements Instruction {
    public Copy {
      sources = List.copyOf(sources);
    }

    @Override
    public Copy expand(Map<String, String> env, char escape) {
      Expander x = new Expander(env, escape, location);
      return new Copy(
          location,
          original,
          x.words(sources),
          x.word(destination),
          x.word(from),
          x.word(chown),
          x.word(chmod),
          link);
    }
  }

  /** ADD; the flags are null when absent ({@code --link} is accepted and has no effect here). */
  record Add(
      Location location,
      String original,
      List<String> sources,
      String destination,
      String chown,
      String chmod,
      String checksum)
      implements Instruction {
    public Add {
      sources = List.copyOf(sources);
    }

    @Override
    public Add expand(Map<String, String> env, char escape) {
      Expander x = new Expander(env, escape, location);
      return new Add(
          location,
          original,
          x.words(sources),
          x.word(destination),
          x.word(chown),
          x.word(chmod),
          x.word(checksum));
    }
  }

  record Shell(Location location, String original, List<String> shell) implements Instruction {
    public Shell {
      shell = List.copyOf(shell);
    }

    @Override
    public Shell expand(Map<String, String> env, char escape) {
      return this;
    }
  }

  /**
   * HEALTHCHECK; {@code test} is {@code ["NONE"]}, {@code ["CMD", args...]} or {@code
   * ["CMD-SHELL", "command line"]} as in the image config; options not given are null.
   */
  record Healthcheck(
      Location location,
      String original,
      List<String> test,
      Duration interval,
      Duration timeout,
      Duration startPeriod,
      Duration startInterval,
      Integer retries)
      implements Instruction {
    public Healthcheck {
      test = List.copyOf(test);
    }

    @Override
    public Healthcheck expand(Map<String, String> env, char escape) {
      return this;
    }
  }

  record StopSignal(Location location, String original, String signal) implements Instruction {
    @Override
    public StopSignal expand(Map<String, String> env, char escape) {
      return new StopSignal(location, original, new Expander(env, escape, location).word(signal));
    }
  }

  /**
   * ONBUILD; {@code expression} is the trigger's text as stored in the image config's OnBuild,
   * {@code trigger} the same text parsed (it is expanded only when it runs in a child build).
   */
  record OnBuild(Location location, String original, String expression, Instruction trigger)
      implements Instruction {
    @Override
    public OnBuild expand(Map<String, String> env, char escape) {
      return this;
    }
  }

  record Maintainer(Location location, String original, String name) implements Instruction {
    @Override
    public Maintainer expand(Map<String, String> env, char escape) {
      return this;
    }
  }
}
