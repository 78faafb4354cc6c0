package io.berth.dockerfile;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * Which stages a target needs. A stage depends on an earlier stage it builds FROM or copies
 * {@code --from} (by name or index); a reference to anything else is an image.
 */
final class StageGraph {
  private final Dockerfile dockerfile;
  private final Map<String, String> globalArgs;

  StageGraph(Dockerfile dockerfile, Map<String, String> globalArgs) {
    this.dockerfile = dockerfile;
    this.globalArgs = globalArgs;
  }

  List<Stage> stagesFor(String target) {
    List<Stage> stages = dockerfile.stages();
    Stage last = stages.get(stages.size() - 1);
    Stage goal = target == null || target.isEmpty() ? last : byName(target, stages.size());
    if (goal == null) {
      throw new DockerfileException(
          new Location(dockerfile.fileName(), 0),
          "failed to reach build target " + target + " in Dockerfile");
    }
    TreeSet<Integer> needed = new TreeSet<>();
    Deque<Stage> todo = new ArrayDeque<>();
    todo.push(goal);
    while (!todo.isEmpty()) {
      Stage stage = todo.pop();
      if (!needed.add(stage.index())) {
        continue;
      }
      String base = stage.from().expand(globalArgs, dockerfile.escape()).image();
      push(todo, byName(base, stage.index()));
      for (Instruction instruction : stage.instructions()) {
        if (instruction instanceof Instruction.Copy copy && copy.from() != null) {
          String from = copy.expand(globalArgs, dockerfile.escape()).from();
          push(todo, byNameOrIndex(from, stage.index()));
        }
      }
    }
    return needed.stream().map(stages::get).toList();
  }

  private static void push(Deque<Stage> todo, Stage stage) {
    if (stage != null) {
      todo.push(stage);
    }
  }

  /** The stage named {@code name} among the first {@code before} stages, else null. */
  private Stage byName(String name, int before) {
    String lower = name.toLowerCase(Locale.ROOT);
    for (Stage stage : dockerfile.stages().subList(0, before)) {
      if (lower.equals(stage.name())) {
        return stage;
      }
    }
    return null;
  }

  private Stage byNameOrIndex(String ref, int before) {
    Stage named = byName(ref, before);
    if (named != null) {
      return named;
    }
    try {
      int index = Integer.parseInt(ref);
      return index >= 0 && index < before ? dockerfile.stages().get(index) : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
