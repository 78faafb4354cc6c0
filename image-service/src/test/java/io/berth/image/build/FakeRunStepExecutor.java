package io.berth.image.build;

import io.berth.image.TestTars;
import io.berth.image.build.run.RunOutcome;
import io.berth.image.build.run.RunStep;
import io.berth.image.build.run.RunStepExecutor;
import io.berth.image.importer.ImportService;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Stands in for the node in unit tests: "exit N" fails with N; anything else succeeds, prints
 * "ran: <command>" and leaves a layer with /ran.txt holding the command and its environment.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class FakeRunStepExecutor implements RunStepExecutor {
  private static final Pattern EXIT = Pattern.compile("exit (\\d+)");
  public static final List<RunStep> STEPS = new CopyOnWriteArrayList<>();

  private final ImportService imports;

  public FakeRunStepExecutor(ImportService imports) {
    this.imports = imports;
  }

  @Override
  public RunOutcome run(RunStep step, Consumer<String> output) throws IOException {
    return run(step, id -> {}, output);
  }

  @Override
  public RunOutcome run(RunStep step, Consumer<String> started, Consumer<String> output) throws IOException {
    STEPS.add(step);
    String id = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
    started.accept(id);
    String command = step.argv().get(step.argv().size() - 1);
    output.accept("ran: " + command + "\n");
    Matcher m = EXIT.matcher(command);
    if (m.matches() && !m.group(1).equals("0")) {
      return new RunOutcome(Integer.parseInt(m.group(1)), null, id);
    }
    String content = String.join(" ", step.argv()) + "\n" + String.join("\n", step.env()) + "\n";
    return new RunOutcome(0, imports.ingestLayer(new ByteArrayInputStream(TestTars.tar("ran.txt", content))), id);
  }
}
