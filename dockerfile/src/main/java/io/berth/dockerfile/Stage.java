package io.berth.dockerfile;

import java.util.List;

/** One build stage: its FROM and the instructions after it, up to the next FROM. */
public record Stage(int index, String name, Instruction.From from, List<Instruction> instructions) {
  public Stage {
    instructions = List.copyOf(instructions);
  }

  /** The name {@code COPY --from} and {@code --target} use: the AS name, else the index. */
  public String displayName() {
    return name != null ? name : Integer.toString(index);
  }
}
