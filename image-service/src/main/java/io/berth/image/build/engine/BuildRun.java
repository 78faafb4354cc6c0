package io.berth.image.build.engine;

import io.berth.dockerfile.DockerIgnore;
import io.berth.dockerfile.Dockerfile;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.Instruction;
import io.berth.dockerfile.Stage;
import io.berth.events.build.v1.BuildStepCompleted;
import io.berth.image.build.BuildClock;
import io.berth.image.build.api.BuildStream;
import io.berth.image.build.cache.BuildCacheRepository.TagName;
import io.berth.image.build.cache.CacheKey;
import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.ContentDigests;
import io.berth.image.build.context.ContextPaths;
import io.berth.image.build.layer.CopyPlanner;
import io.berth.image.build.layer.LayerEntry;
import io.berth.image.build.run.RunOutcome;
import io.berth.image.build.run.RunStep;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.OciJson;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One build, step by step, as Docker's classic builder runs it: the needed stages in order, every
 * step printed as "Step n/m : ...", served from the cache when its key matches, else executed and
 * recorded as an image. A speculative run takes every step from the entries this service
 * remembers, without reading the cache table, and stops ({@link Unremembered}) at the first step
 * it cannot take so; its guesses are then checked in one read (see {@link Builder}). Not
 * thread-safe: one per build, on one worker thread.
 */
final class BuildRun {
  private final BuildRequest req;
  private final BuildContext context;
  private final DockerIgnore ignore;
  private final Dockerfile dockerfile;
  private final BuildStream out;
  private final OutputStream progress;
  private final Builder.Parts parts;
  private final Path scratch;
  private final BuildArgs args;
  private final BuildClock clock;
  private final BuildJournal journal = new BuildJournal();
  private final Map<Integer, ImageState> stageResults = new HashMap<>();
  private Map<String, String> metaArgs = Map.of();
  private int step;
  private int total;
  private int cachedSteps;
  /** In a speculative run, the cache entries it took from memory (key → image id); else null. */
  private final Map<String, String> guesses;
  /** In a speculative run, the tags its FROMs took from memory (tag → image id); else null. */
  private final Map<TagName, String> tagGuesses;

  BuildRun(BuildRequest req, BuildContext context, DockerIgnore ignore, Dockerfile dockerfile, BuildStream out,
      OutputStream progress, Builder.Parts parts, Path scratch, BuildClock clock, boolean speculative) {
    this.guesses = speculative ? new LinkedHashMap<>() : null;
    this.tagGuesses = speculative ? new LinkedHashMap<>() : null;
    this.clock = clock;
    this.req = req;
    this.context = context;
    this.ignore = ignore;
    this.dockerfile = dockerfile;
    this.out = out;
    this.progress = progress;
    this.parts = parts;
    this.scratch = scratch;
    this.args = new BuildArgs(req.buildArgs());
  }

  /** Every step a build of {@code target} prints: the global ARGs, then each needed stage's FROM and instructions. */
  static int countSteps(Dockerfile dockerfile, List<Stage> stages) {
    return dockerfile.globalArgs().size() + stages.stream().mapToInt(s -> 1 + s.instructions().size()).sum();
  }

  int step() {
    return step;
  }

  int total() {
    return total;
  }

  int cachedSteps() {
    return cachedSteps;
  }

  /** The cache entries a speculative run took from memory (key → image id), to be checked. */
  Map<String, String> guesses() {
    return guesses;
  }

  /** The tags a speculative run's FROMs took from memory (tag → image id), to be checked. */
  Map<TagName, String> tagGuesses() {
    return tagGuesses;
  }

  /**
   * A speculative run met a step whose cache entry is not in memory (or that must run): it stops,
   * having shown and written nothing, and the build runs for real.
   */
  static final class Unremembered extends RuntimeException {
    Unremembered() {
      super("not in memory", null, false, false);
    }
  }

  /** The writes waiting for the build's next transaction. */
  BuildJournal journal() {
    return journal;
  }

  /** Builds; returns the final image. */
  ImageState run(List<Stage> stages) throws IOException {
    total = countSteps(dockerfile, stages);
    for (Instruction.Arg arg : dockerfile.globalArgs()) {
      printStep(arg);
      args.consume(arg.name());
    }
    metaArgs = dockerfile.globalArgValues(args.values());
    ImageState last = null;
    for (Stage stage : stages) {
      last = runStage(stage);
      stageResults.put(stage.index(), last);
    }
    if (req.labels() != null && !req.labels().isEmpty()) {
      last = labels(last);
    }
    List<String> unused = args.unconsumed();
    if (!unused.isEmpty()) {
      out.stream("[Warning] One or more build-args " + CreatedBy.plain(unused) + " were not consumed\n");
    }
    return last;
  }

  private ImageState runStage(Stage stage) throws IOException {
    StageState st = new StageState();
    printStep(stage.from());
    Instruction.From from = stage.from().expand(metaArgs, dockerfile.escape());
    st.image = base(stage, from);
    out.stream(" ---> " + st.image.shortId() + "\n");
    List<String> triggers = st.image.runConfig().onBuild();
    if (triggers != null && !triggers.isEmpty()) {
      // The triggers run now and are not inherited further (Docker clears OnBuild in the child).
      st.image = withoutOnBuild(st.image);
      out.stream("# Executing " + triggers.size() + " build trigger" + (triggers.size() > 1 ? "s" : "") + "\n");
      for (String trigger : triggers) {
        dispatch(parseTrigger(trigger), st);
      }
    }
    for (Instruction i : stage.instructions()) {
      printStep(i);
      dispatch(i, st);
    }
    return st.image;
  }

  private ImageState base(Stage stage, Instruction.From from) throws IOException {
    String name = from.image();
    if (name == null || name.isEmpty()) {
      throw new BuildFailure("base name (" + stage.from().image() + ") should not be blank");
    }
    if (name.equalsIgnoreCase("scratch")) {
      return ImageState.scratch();
    }
    var earlier = dockerfile.findStage(name).filter(s -> s.index() < stage.index() && s.name() != null
        && s.name().equals(name.toLowerCase(java.util.Locale.ROOT)));
    if (earlier.isPresent()) {
      ImageState built = stageResults.get(earlier.get().index());
      if (built != null) {
        return built;
      }
    }
    String platform = from.platform() != null && !from.platform().isEmpty() ? from.platform() : req.platform();
    return image(name, req.pull(), platform);
  }

  /** An image by name: in a speculative run, as this service remembers it if it does (checked later). */
  private ImageState image(String name, boolean pull, String platform) throws IOException {
    if (tagGuesses != null && !pull) {
      BaseImages.Guess guess = parts.bases().remembered(name);
      if (guess != null) {
        tagGuesses.put(guess.tag(), guess.image().imageId());
        return guess.image();
      }
    }
    return parts.bases().resolve(name, pull, platform, req.registries(), req.quiet() ? null : progress);
  }

  private void dispatch(Instruction raw, StageState st) throws IOException {
    Instruction i = raw.expand(expansionEnv(st), dockerfile.escape());
    if (i instanceof Instruction.Arg arg) {
      declare(arg, st);
    }
    if (i instanceof Instruction.Run run) {
      run(run, st);
    } else if (i instanceof Instruction.Copy copy) {
      copy(copy.sources(), copy.destination(), copy.from(), copy.chown(), copy.chmod(), false, st);
    } else if (i instanceof Instruction.Add add) {
      copy(add.sources(), add.destination(), null, add.chown(), add.chmod(), true, st);
    } else if (i instanceof Instruction.Workdir wd) {
      workdir(wd, st);
    } else if (i instanceof Instruction.From) {
      throw new BuildFailure("FROM is not allowed here");
    } else {
      MutableConfig mc = new MutableConfig(st.image.runConfig());
      String createdBy = MetadataSteps.apply(i, mc, st.flags);
      ImageConfigJson.Config config = mc.build();
      commit(st, i, config, createdBy, digestOf(config), null);
    }
  }

  /** ARG: its value is the build arg if given, else its default, else the global ARG's value. */
  private void declare(Instruction.Arg arg, StageState st) {
    args.consume(arg.name());
    String value = args.has(arg.name()) ? args.get(arg.name())
        : arg.defaultValue() != null ? arg.defaultValue() : metaArgs.get(arg.name());
    st.args.put(arg.name(), value);
  }

  /** What $VAR means in an instruction: the stage's ARGs, overridden by ENV (Docker's rule). */
  private Map<String, String> expansionEnv(StageState st) {
    Map<String, String> env = new LinkedHashMap<>();
    st.args.forEach((k, v) -> {
      if (v != null) {
        env.put(k, v);
      }
    });
    env.putAll(new MutableConfig(st.image.runConfig()).envMap());
    return env;
  }

  /** Declared, valued ARGs not shadowed by an ENV, sorted: what RUN gets and its history shows. */
  private Map<String, String> runArgs(StageState st) {
    Map<String, String> env = new MutableConfig(st.image.runConfig()).envMap();
    Map<String, String> out = new TreeMap<>();
    st.args.forEach((k, v) -> {
      if (v != null && !env.containsKey(k)) {
        out.put(k, v);
      }
    });
    return out;
  }

  private void run(Instruction.Run run, StageState st) throws IOException {
    ImageConfigJson.Config rc = st.image.runConfig();
    List<String> argv = MetadataSteps.argv(run.command(), rc.shell());
    Map<String, String> buildArgs = runArgs(st);
    StringBuilder createdBy = new StringBuilder();
    if (!buildArgs.isEmpty()) {
      createdBy.append('|').append(buildArgs.size());
      buildArgs.forEach((k, v) -> createdBy.append(' ').append(k).append('=').append(v));
      createdBy.append(' ');
    }
    createdBy.append(String.join(" ", argv));
    String key = CacheKey.of(parentId(st), createdBy.toString(), null);
    if (fromCache(st, run, key)) {
      return;
    }
    if (st.image.imageId() == null) {
      throw new BuildFailure("The command '" + String.join(" ", argv)
          + "' cannot run: the image has no filesystem (FROM scratch with nothing added)", 127);
    }
    List<String> env = new ArrayList<>(rc.env() == null ? List.of() : rc.env());
    buildArgs.forEach((k, v) -> env.add(k + "=" + v));
    args.proxies().forEach((k, v) -> env.add(k + "=" + v));
    RunStep runStep = new RunStep(req.buildId(), st.image.imageId(), argv, env,
        rc.workingDir() == null ? "" : rc.workingDir(), rc.user() == null ? "" : rc.user(),
        req.networkMode() == null || req.networkMode().isEmpty() ? "default" : req.networkMode(), !req.rm());
    parts.steps().flush(journal);
    AtomicReference<String> announced = new AtomicReference<>();
    RunOutcome outcome = parts.runs().run(runStep, id -> {
      announced.set(id);
      out.stream(" ---> Running in " + shortContainer(id) + "\n");
    }, out::stream);
    if (announced.get() == null && outcome.containerId() != null) {
      out.stream(" ---> Running in " + shortContainer(outcome.containerId()) + "\n");
    }
    if (outcome.exitCode() != 0) {
      throw new BuildFailure("The command '" + String.join(" ", argv) + "' returned a non-zero code: "
          + outcome.exitCode(), outcome.exitCode());
    }
    if (req.rm() && outcome.containerId() != null) {
      out.stream("Removing intermediate container " + shortContainer(outcome.containerId()) + "\n");
    }
    if (outcome.layer() == null) {
      throw new BuildFailure("the RUN step left no layer");
    }
    record(st, run, rc, outcome.layer(), createdBy.toString(), key);
  }

  private void copy(List<String> sources, String dest, String from, String chown, String chmod, boolean add,
      StageState st) throws IOException {
    String name = add ? "ADD" : "COPY";
    if (sources.isEmpty()) {
      throw new BuildFailure(name + " requires at least two arguments, but only one was provided. Destination could not be determined.");
    }
    int[] ids = chown == null || chown.isEmpty() ? null : Chown.resolve(chown, st.image.imageId(), parts.rootfs());
    CopyPlanner.Options options = new CopyPlanner.Options(ids == null ? null : ids[0], ids == null ? null : ids[1],
        Chown.chmod(chmod));
    String workingDir = st.image.runConfig().workingDir();
    ImageConfigJson.Config rc = st.image.runConfig();
    Instruction current = currentInstruction;
    if (from != null && !from.isEmpty()) {
      // An image (or stage result) is immutable by id: the key needs no walk of its files.
      ImageState source = copySource(from);
      String createdBy = CreatedBy.nopSingle(rc.shell(), name + " --from=" + from + " " + String.join(" ", sources)
          + " in " + dest + " ");
      String key = CacheKey.of(parentId(st), createdBy, source.imageId() + " " + options);
      if (fromCache(st, current, key)) {
        return;
      }
      Path tree = Files.createTempDirectory(scratch, "from");
      if (source.imageId() != null) {
        parts.rootfs().unpack(source.imageId(), tree);
      }
      CopySteps.Plan plan = parts.copies().plan(false, tree, ContentDigests.NONE, null, sources, dest, workingDir, options,
          scratch);
      record(st, current, rc, parts.copies().ingest(plan.entries(), scratch), createdBy, key);
      return;
    }
    // A COPY's key comes from the context's index when it has one: a cached COPY reads no file.
    CopySteps.Plan plan = add ? null
        : parts.copies().planFromTree(context, ignore::excluded, sources, dest, workingDir, options);
    boolean fromTree = plan != null;
    if (!fromTree) {
      plan = localPlan(add, sources, dest, workingDir, options);
    }
    clock.lap("sources hashed");
    String createdBy = CreatedBy.nopSingle(rc.shell(), name + " " + plan.hashLabel() + ":" + plan.checksum()
        + " in " + dest + " ");
    String key = CacheKey.of(parentId(st), createdBy, plan.checksum());
    if (fromCache(st, current, key)) {
      return;
    }
    List<LayerEntry> entries = fromTree ? localPlan(false, sources, dest, workingDir, options).entries() : plan.entries();
    record(st, current, rc, parts.copies().ingest(entries, scratch), createdBy, key);
  }

  /** A COPY/ADD from the extracted context (extracting it first if needed). */
  private CopySteps.Plan localPlan(boolean add, List<String> sources, String dest, String workingDir,
      CopyPlanner.Options options) throws IOException {
    Path root = context.extracted();
    return parts.copies().plan(add, root, context.digests(), ignore::excluded, sources, dest, workingDir, options,
        scratch);
  }

  private ImageState copySource(String from) throws IOException {
    var stage = dockerfile.findStage(from);
    if (stage.isPresent() && stageResults.containsKey(stage.get().index())) {
      return stageResults.get(stage.get().index());
    }
    return image(from, false, req.platform());
  }

  private void workdir(Instruction.Workdir wd, StageState st) throws IOException {
    ImageConfigJson.Config rc = st.image.runConfig();
    String path = wd.path();
    if (path == null || path.isEmpty()) {
      throw new BuildFailure("WORKDIR requires exactly one argument");
    }
    String abs = "/" + ContextPaths.clean(path.startsWith("/") ? path : CopyPlanner.absolute(path, rc.workingDir()));
    MutableConfig mc = new MutableConfig(rc);
    mc.workingDir = abs;
    ImageConfigJson.Config config = mc.build();
    String createdBy = CreatedBy.nopSingle(rc.shell(), "WORKDIR " + abs);
    String key = CacheKey.of(parentId(st), createdBy, null);
    if (fromCache(st, currentInstruction, key)) {
      return;
    }
    // Docker creates the directory in a container and commits it: a layer holding the path.
    List<LayerEntry> entries = new ArrayList<>();
    CopyPlanner.parents(entries, ContextPaths.clean(abs), false, CopyPlanner.Options.NONE);
    Descriptor layer = entries.isEmpty() ? null : parts.copies().ingest(entries, scratch);
    record(st, currentInstruction, config, layer, createdBy, key);
  }

  private ImageState labels(ImageState last) throws IOException {
    StageState st = new StageState();
    st.image = last;
    MutableConfig mc = new MutableConfig(last.runConfig());
    StringBuilder comment = new StringBuilder("LABEL");
    new TreeMap<>(req.labels()).forEach((k, v) -> {
      mc.labels.put(k, v);
      comment.append(' ').append(k).append('=').append(v);
    });
    ImageConfigJson.Config config = mc.build();
    String createdBy = CreatedBy.nop(config.shell(), comment.toString());
    commit(st, null, config, createdBy, digestOf(config), null);
    return st.image;
  }

  // --- steps' images

  private Instruction currentInstruction;

  private void printStep(Instruction i) {
    clock.lap("before step " + (step + 1));
    step++;
    currentInstruction = i;
    out.stream("Step " + step + "/" + total + " : " + i.original() + "\n");
  }

  /** A metadata step: cached, or recorded as an image with an empty layer. */
  private void commit(StageState st, Instruction i, ImageConfigJson.Config config, String createdBy,
      String configDigest, Descriptor layer) throws IOException {
    String key = CacheKey.of(parentId(st), createdBy, configDigest);
    if (fromCache(st, i, key)) {
      return;
    }
    record(st, i, config, layer, createdBy, key);
  }

  private boolean fromCache(StageState st, Instruction i, String key) throws IOException {
    if (req.noCache()) {
      return false;
    }
    ImageState hit;
    if (guesses != null) {
      hit = parts.steps().remembered(key);
      if (hit == null) {
        throw new Unremembered();
      }
      guesses.put(key, hit.imageId());
    } else {
      hit = parts.steps().cached(key);
      clock.lap("cache looked up");
      if (hit == null) {
        return false;
      }
    }
    journal.used(key);
    journal.fact(new BuildStepCompleted(req.buildId(), Math.max(1, step), total, text(i), hit.imageId(), true,
        Instant.now()));
    cachedSteps++;
    st.image = hit;
    out.stream(" ---> Using cache\n");
    out.stream(" ---> " + hit.shortId() + "\n");
    return true;
  }

  private void record(StageState st, Instruction i, ImageConfigJson.Config config, Descriptor layer, String createdBy,
      String key) throws IOException {
    int n = Math.max(1, step);
    st.image = parts.steps().commit(st.image, config, st.flags.author, layer, createdBy, key, journal,
        id -> new BuildStepCompleted(req.buildId(), n, total, text(i), id, false, Instant.now()));
    out.stream(" ---> " + st.image.shortId() + "\n");
  }

  private static String text(Instruction i) {
    return i == null ? "LABEL (build labels)" : i.original();
  }

  private static String parentId(StageState st) {
    return st.image.imageId() == null ? "scratch" : st.image.imageId();
  }

  private static String digestOf(ImageConfigJson.Config config) {
    return Digest.sha256(OciJson.write(config)).hex();
  }

  private static String shortContainer(String id) {
    return id.length() > 12 ? id.substring(0, 12) : id;
  }

  private static ImageState withoutOnBuild(ImageState image) {
    MutableConfig mc = new MutableConfig(image.runConfig());
    mc.onBuild = null;
    ImageConfigJson c = image.config();
    return new ImageState(image.imageId(), new ImageConfigJson(c.created(), c.author(), c.architecture(), c.os(),
        mc.build(), c.rootfs(), c.history()), image.layers());
  }

  private Instruction parseTrigger(String trigger) {
    try {
      Dockerfile parsed = Dockerfile.parse("ONBUILD", "FROM scratch\n" + trigger + "\n");
      List<Instruction> is = parsed.stages().get(0).instructions();
      if (is.isEmpty()) {
        throw new BuildFailure("invalid ONBUILD trigger: " + trigger);
      }
      return is.get(0);
    } catch (DockerfileException e) {
      throw new BuildFailure("invalid ONBUILD trigger " + trigger + ": " + e.detail());
    }
  }

  /** A stage in progress: its image so far, its ARGs, its flags. */
  private static final class StageState {
    ImageState image;
    final Map<String, String> args = new LinkedHashMap<>();
    final MetadataSteps.StageFlags flags = new MetadataSteps.StageFlags();
  }

  static String utf8(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
