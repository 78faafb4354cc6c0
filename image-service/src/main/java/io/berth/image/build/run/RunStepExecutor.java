package io.berth.image.build.run;

import java.io.IOException;
import java.util.function.Consumer;

/**
 * Executes one RUN step in a container made from a step image, on a node, and captures its
 * filesystem diff. Blocking: call from a worker thread.
 */
public interface RunStepExecutor {

  /**
   * Runs the step.
   *
   * @param output receives the container's stdout+stderr text as it arrives
   */
  RunOutcome run(RunStep step, Consumer<String> output) throws IOException;

  /**
   * As {@link #run(RunStep, Consumer)}, also telling {@code started} the container's id as soon as
   * the container exists, so the build can print Docker's " ---> Running in <id>" before the
   * command's output. Implementations that know the id early should override this one; the
   * default reports nothing early (the builder then prints the line when the step ends).
   */
  default RunOutcome run(RunStep step, Consumer<String> started, Consumer<String> output) throws IOException {
    return run(step, output);
  }
}
