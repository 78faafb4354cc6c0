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
}
