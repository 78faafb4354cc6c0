package io.berth.image.build.run;

import io.berth.image.importer.CommitService;
import io.berth.oci.Descriptor;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Runs a RUN step as a real container, as {@code docker run} would, through container-service:
 * create, start, follow its output until it stops, read its exit code; on success its writable
 * layer becomes a layer blob exactly as {@code docker commit} takes it. The container is removed
 * afterwards, whatever happened, unless the step asks to keep it.
 */
@ApplicationScoped
public class ContainerRunStepExecutor implements RunStepExecutor {
  private static final Logger LOG = Logger.getLogger(ContainerRunStepExecutor.class);
  private static final Duration POLL = Duration.ofMillis(250);

  private final StepContainers containers;
  private final CommitService commits;
  private final Duration startTimeout;

  public ContainerRunStepExecutor(
      StepContainers containers,
      CommitService commits,
      @ConfigProperty(name = "berth.build.run-start-timeout", defaultValue = "PT10M") Duration startTimeout) {
    this.containers = containers;
    this.commits = commits;
    this.startTimeout = startTimeout;
  }

  @Override
  public RunOutcome run(RunStep step, Consumer<String> output) throws IOException {
    return run(step, id -> { }, output);
  }

  @Override
  public RunOutcome run(RunStep step, Consumer<String> started, Consumer<String> output) throws IOException {
    String id = containers.create(step);
    boolean succeeded = false;
    try {
      started.accept(id);
      start(id);
      follow(id, output);
      int exitCode = containers.await(id);
      Descriptor layer = exitCode == 0 ? commits.writableLayer(id, id) : null;
      succeeded = true;
      return new RunOutcome(exitCode, layer, id);
    } finally {
      if (!step.keepContainer()) {
        remove(id, succeeded);
      }
    }
  }

  /**
   * Starts the container. container-service answers a start that takes longer than its own limit
   * with a 503 while the node carries on (the first step on a node pulls the whole base image):
   * then the step waits for the node itself, up to the build's own, longer limit.
   */
  private void start(String id) throws IOException {
    try {
      containers.start(id);
      return;
    } catch (StepContainers.CallFailedException e) {
      if (e.status != 503 || !e.getMessage().contains("timed out")) {
        throw new IOException("starting the RUN container failed: " + e.getMessage(), e);
      }
      LOG.infof("build container %s is slow to start (%s): waiting for its node", id, e.getMessage());
    }
    long deadline = System.nanoTime() + startTimeout.toNanos();
    while (containers.locate(id).state().equals("created")) {
      if (System.nanoTime() > deadline) {
        throw new IOException("the RUN container did not start within " + startTimeout.toSeconds() + " s");
      }
      sleep();
    }
  }

  private void follow(String id, Consumer<String> output) throws IOException {
    String node = containers.locate(id).nodeAddress();
    if (node == null) {
      throw new IOException("the RUN container " + id + " is not on any node");
    }
    HttpResponse<InputStream> stream = containers.output(node, id);
    boolean multiplexed = stream.headers().firstValue("Content-Type").orElse("").contains("multiplexed");
    try (InputStream in = stream.body()) {
      OutputFrames.copy(in, multiplexed, output);
    }
  }

  // Best effort: a failed removal must not hide the step's own outcome or error. A cancelled
  // build interrupts this thread: the removal still has to go out, so the flag waits until after.
  private void remove(String id, boolean succeeded) {
    boolean interrupted = Thread.interrupted();
    try {
      containers.remove(id);
    } catch (IOException e) {
      LOG.warnf("could not remove build container %s (step %s): %s", id, succeeded ? "done" : "failed", e.getMessage());
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static void sleep() throws IOException {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new java.io.InterruptedIOException("interrupted while waiting for the RUN container to start");
    }
  }
}
