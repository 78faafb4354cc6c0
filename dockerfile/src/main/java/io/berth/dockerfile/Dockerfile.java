package io.berth.dockerfile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A parsed Dockerfile: its escape character, the ARGs declared before the first FROM (usable in
 * FROM lines), and its stages.
 *
 * @see <a href="https://docs.docker.com/reference/dockerfile/">Dockerfile reference</a>
 */
public record Dockerfile(
    String fileName, char escape, List<Instruction.Arg> globalArgs, List<Stage> stages) {
  public Dockerfile {
    globalArgs = List.copyOf(globalArgs);
    stages = List.copyOf(stages);
  }

  /**
   * Parses {@code text}; {@code fileName} is only used in error messages and locations.
   *
   * @throws DockerfileException with Docker's message and the line of the offending instruction
   */
  public static Dockerfile parse(String fileName, String text) {
    String name = fileName == null || fileName.isEmpty() ? "Dockerfile" : fileName;
    if (text == null || text.isEmpty()) {
      throw new DockerfileException(
          new Location(name, 0), "the Dockerfile (" + name + ") cannot be empty");
    }
    LogicalLines.Result lines = LogicalLines.read(name, text);
    if (lines.lines().isEmpty()) {
      throw new DockerfileException(new Location(name, 0), "file with no instructions");
    }
    InstructionParser parser = new InstructionParser(name, lines.escape());
    List<Instruction.Arg> globalArgs = new ArrayList<>();
    List<Stage> stages = new ArrayList<>();
    Map<String, Location> stageNames = new HashMap<>();
    Instruction.From from = null;
    List<Instruction> current = new ArrayList<>();
    for (LogicalLines.Line line : lines.lines()) {
      for (Instruction instruction : parser.parse(line)) {
        if (instruction instanceof Instruction.From next) {
          if (from != null) {
            stages.add(new Stage(stages.size(), from.alias(), from, current));
            current = new ArrayList<>();
          }
          if (next.alias() != null && stageNames.putIfAbsent(next.alias(), next.location()) != null) {
            throw new DockerfileException(
                next.location(), "duplicate stage name \"" + next.alias() + "\"");
          }
          from = next;
        } else if (from == null && instruction instanceof Instruction.Arg arg) {
          globalArgs.add(arg);
        } else if (from == null) {
          throw new DockerfileException(
              instruction.location(), "no build stage in current context");
        } else {
          current.add(instruction);
        }
      }
    }
    if (from == null) {
      throw new DockerfileException(
          new Location(name, lines.lines().get(lines.lines().size() - 1).start()),
          "no build stage in current context");
    }
    stages.add(new Stage(stages.size(), from.alias(), from, current));
    return new Dockerfile(name, lines.escape(), globalArgs, stages);
  }

  /**
   * The stage named {@code nameOrIndex} (AS name, case-insensitive) or at that index.
   *
   * @throws DockerfileException when there is none
   */
  public Stage stage(String nameOrIndex) {
    return findStage(nameOrIndex)
        .orElseThrow(
            () ->
                new DockerfileException(
                    new Location(fileName, 0),
                    "failed to reach build target " + nameOrIndex + " in Dockerfile"));
  }

  /** The stage named {@code nameOrIndex} or at that index, if any. */
  public Optional<Stage> findStage(String nameOrIndex) {
    if (nameOrIndex == null || nameOrIndex.isEmpty()) {
      return Optional.empty();
    }
    String lower = nameOrIndex.toLowerCase(Locale.ROOT);
    for (Stage stage : stages) {
      if (lower.equals(stage.name())) {
        return Optional.of(stage);
      }
    }
    try {
      int index = Integer.parseInt(nameOrIndex);
      return index >= 0 && index < stages.size() ? Optional.of(stages.get(index)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@link #stagesFor(String, Map)} with no build arguments (global ARG defaults apply). */
  public List<Stage> stagesFor(String target) {
    return stagesFor(target, Map.of());
  }

  /**
   * The stages needed to build {@code target} (null or "" for the last stage), in file order with
   * the target last: those it builds FROM or copies {@code --from}, transitively. Stage references
   * in FROM and {@code --from} are resolved after substituting the global ARGs.
   *
   * @throws DockerfileException when the target is not a stage name
   */
  public List<Stage> stagesFor(String target, Map<String, String> buildArgs) {
    return new StageGraph(this, globalArgValues(buildArgs)).stagesFor(target);
  }

  /**
   * The values of the global ARGs: the build argument when given, else the default expanded with
   * the ARGs before it; ARGs with neither are absent. This is the environment of FROM lines.
   */
  public Map<String, String> globalArgValues(Map<String, String> buildArgs) {
    Map<String, String> values = new LinkedHashMap<>();
    for (Instruction.Arg arg : globalArgs) {
      Instruction.Arg expanded = arg.expand(values, escape);
      String value =
          buildArgs != null && buildArgs.containsKey(expanded.name())
              ? buildArgs.get(expanded.name())
              : expanded.defaultValue();
      if (value != null) {
        values.put(expanded.name(), value);
      } else {
        values.remove(expanded.name());
      }
    }
    return values;
  }
}
