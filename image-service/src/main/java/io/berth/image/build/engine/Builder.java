package io.berth.image.build.engine;

import io.berth.dockerfile.DockerIgnore;
import io.berth.dockerfile.Dockerfile;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.Stage;
import io.berth.image.build.BuildClock;
import io.berth.events.build.v1.BuildFailed;
import io.berth.events.build.v1.BuildStarted;
import io.berth.image.build.api.BuildStream;
import io.berth.image.build.cache.BuildCacheRepository.TagName;
import io.berth.image.build.context.BuildContext;
import io.berth.image.build.layer.CopyFailedException;
import io.berth.image.build.rootfs.ImageRootfs;
import io.berth.image.build.run.RunStepExecutor;
import io.berth.common.error.BerthException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs a parsed build over a received context and reports it on the build's stream and as facts:
 * BuildStarted, one BuildStepCompleted per step, then BuildFinished + ImageBuilt (with the tags)
 * or BuildFailed (and no tag). A build whose every step this service remembers as cached is first
 * run from memory and checked in one read (see {@link #speculate}); its messages and facts are the
 * same. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class Builder {
  private static final Logger LOG = Logger.getLogger(Builder.class);

  /** The collaborators a build run uses. */
  record Parts(StepImages steps, BaseImages bases, CopySteps copies, RunStepExecutor runs, ImageRootfs rootfs) {}

  private final StepImages steps;
  private final BaseImages bases;
  private final CopySteps copies;
  private final Instance<RunStepExecutor> runs;
  private final Instance<ImageRootfs> rootfs;
  private final BuildResults results;

  public Builder(StepImages steps, BaseImages bases, CopySteps copies, Instance<RunStepExecutor> runs,
      Instance<ImageRootfs> rootfs, BuildResults results) {
    this.steps = steps;
    this.bases = bases;
    this.copies = copies;
    this.runs = runs;
    this.rootfs = rootfs;
    this.results = results;
  }

  /** The stages a build needs, or the parse-time error Docker answers before any output. */
  public static List<Stage> stages(Dockerfile dockerfile, BuildRequest req) {
    return dockerfile.stagesFor(req.target(), req.buildArgs());
  }

  /**
   * Builds; failures end the stream with Docker's error message. A build that succeeds closes
   * {@code progress} (the response ends) before it records the build's end.
   *
   * @param progress the raw response stream (pull progress of base images goes there)
   * @return the image id, or null when the build failed
   */
  public String build(BuildRequest req, BuildContext context, DockerIgnore ignore, Dockerfile dockerfile,
      List<Stage> stages, BuildStream out, OutputStream progress, Path scratch, BuildClock clock) {
    Parts parts = new Parts(steps, bases, copies, runExecutor(), imageRootfs());
    Speculation guessed = speculate(req, context, ignore, dockerfile, stages, out, progress, parts, scratch, clock);
    BuildRun run = guessed != null ? guessed.run()
        : new BuildRun(req, context, ignore, dockerfile, out, progress, parts, scratch, clock, false);
    try {
      ImageState image;
      if (guessed != null) {
        guessed.show(progress);
        image = guessed.image();
      } else {
        started(req, dockerfile, stages, run);
        image = run.run(stages);
      }
      clock.lap("steps done");
      if (image.imageId() == null) {
        throw new BuildFailure("No image was generated. Is your Dockerfile empty?");
      }
      boolean tagsLeft = results.tag(req, image, guessed != null ? guessed.tagged() : null);
      clock.lap("tagged");
      answer(req, image, progress);
      // The client has its whole answer; the build's end is recorded after it, on this thread.
      try {
        results.finish(req, image, run.total(), run.cachedSteps(), run.journal(), tagsLeft);
      } catch (IOException | RuntimeException e) {
        LOG.warnf(e, "could not record the end of build %s", req.buildId());
      }
      return image.imageId();
    } catch (UncheckedIOException gone) {
      LOG.infof("build %s: the client went away", req.buildId());
      failed(req, run, null, "the client went away");
      return null;
    } catch (BuildFailure e) {
      fail(req, run, out, e.code(), e.exitCode(), e.getMessage());
    } catch (CopyFailedException | DockerfileException e) {
      fail(req, run, out, 1, null, e.getMessage());
    } catch (BerthException e) {
      fail(req, run, out, 1, null, e.getMessage());
    } catch (IOException | RuntimeException e) {
      LOG.warnf(e, "build %s failed", req.buildId());
      fail(req, run, out, 1, null, e.getMessage() == null ? e.toString() : e.getMessage());
    }
    return null;
  }

  /**
   * The build's last messages (the image id, "Successfully built/tagged") in one write, then the
   * end of the response: the client has everything before the build's end is recorded.
   */
  private static void answer(BuildRequest req, ImageState image, OutputStream progress) {
    ByteArrayOutputStream held = new ByteArrayOutputStream();
    BuildStream last = new BuildStream(held, req.quiet());
    last.imageId(image.imageId());
    if (req.quiet()) {
      last.result(image.imageId() + "\n");
    }
    last.stream("Successfully built " + image.shortId() + "\n");
    for (String tag : req.tagNames()) {
      last.stream("Successfully tagged " + tag + "\n");
    }
    try {
      synchronized (progress) {
        held.writeTo(progress);
      }
      progress.close();
    } catch (IOException e) {
      throw new UncheckedIOException("the client went away", e);
    }
  }

  private static void started(BuildRequest req, Dockerfile dockerfile, List<Stage> stages, BuildRun run) {
    run.journal().fact(new BuildStarted(req.buildId(), dockerfile.fileName(), req.target(), req.tagNames(),
        BuildRun.countSteps(dockerfile, stages), Instant.now()));
  }

  /** A build run entirely from remembered cache entries, its messages held back until they are checked. */
  private record Speculation(BuildRun run, ImageState image, ByteArrayOutputStream messages,
      Map<TagName, String> tagged) {
    /** Sends the held-back messages, in one write. */
    void show(OutputStream out) {
      try {
        messages.writeTo(out);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException("the client went away", e);
      }
    }
  }

  /**
   * Runs the build from the cache entries this service remembers, without a read per step, then
   * checks them all in one read, with the FROM images it took from memory and the tags the build
   * will set (so that nothing else need be read before the answer). Returns null (and has shown nothing) when a step's entry is not
   * remembered or no longer holds, when the build fails, or when the build may not use the cache
   * or must pull: the build then runs for real, step by step.
   */
  private Speculation speculate(BuildRequest req, BuildContext context, DockerIgnore ignore, Dockerfile dockerfile,
      List<Stage> stages, BuildStream out, OutputStream progress, Parts parts, Path scratch, BuildClock clock) {
    if (req.noCache() || req.pull()) {
      return null;
    }
    ByteArrayOutputStream messages = new ByteArrayOutputStream();
    BuildRun run = new BuildRun(req, context, ignore, dockerfile, new BuildStream(messages, req.quiet()), messages,
        parts, scratch, clock, true);
    try {
      started(req, dockerfile, stages, run);
      ImageState image = run.run(stages);
      StepImages.Check check = steps.check(run.guesses(), run.tagGuesses(), BuildResults.tagNames(req));
      clock.lap(check.holds() ? "speculation checked" : "speculation stale");
      return check.holds() ? new Speculation(run, image, messages, check.tagged()) : null;
    } catch (BuildRun.Unremembered notInMemory) {
      clock.lap("speculation stopped");
      return null;
    } catch (IOException | RuntimeException e) {
      LOG.debugf(e, "build %s: speculation failed, building step by step", req.buildId());
      return null;
    }
  }

  // Both come from the buildit part; without them a build still does everything but RUN/COPY --from.
  private RunStepExecutor runExecutor() {
    if (runs.isResolvable()) {
      return runs.get();
    }
    return (step, output) -> {
      throw new BuildFailure("RUN is not available: no RunStepExecutor is installed");
    };
  }

  private ImageRootfs imageRootfs() {
    if (rootfs.isResolvable()) {
      return rootfs.get();
    }
    return new ImageRootfs() {
      @Override
      public void unpack(String imageId, Path emptyDir) {
        throw new BuildFailure("COPY --from is not available: no ImageRootfs is installed");
      }

      @Override
      public java.util.Optional<byte[]> read(String imageId, String absolutePath) {
        throw new BuildFailure("--chown with names is not available: no ImageRootfs is installed");
      }
    };
  }

  private void fail(BuildRequest req, BuildRun run, BuildStream out, int code, Integer exitCode, String message) {
    try {
      out.error(code, message);
    } catch (UncheckedIOException gone) {
      LOG.debugf("build %s: the client went away before its error", req.buildId());
    }
    failed(req, run, exitCode, message);
  }

  private void failed(BuildRequest req, BuildRun run, Integer exitCode, String message) {
    try {
      steps.publish(run.journal(), new BuildFailed(req.buildId(), run.step() == 0 ? null : run.step(), exitCode, message,
          Instant.now()));
    } catch (IOException | RuntimeException e) {
      LOG.warnf(e, "could not record the failure of build %s", req.buildId());
    }
  }
}
