package io.berth.node.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Shared runc-CLI plumbing: each verb is one process, {@code <exe> --root=<dir> <verb> …}. */
abstract class CliOciRuntime implements OciRuntime {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long TIMEOUT_SECONDS = 30;
  private static final ProcessBuilder.Redirect DEV_NULL =
      ProcessBuilder.Redirect.from(new java.io.File("/dev/null"));

  private final String name;
  private final Path executable;
  private final Path stateRoot;

  CliOciRuntime(String name, Path executable, Path stateRoot) throws IOException {
    this.name = name;
    this.executable = executable;
    this.stateRoot = stateRoot;
    Files.createDirectories(stateRoot);
  }

  /** The runtime's {@code --root}: one directory of state per container id. */
  protected Path stateRoot() {
    return stateRoot;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Path executable() {
    return executable;
  }

  @Override
  public List<String> globalArgs() {
    return List.of("--root=" + stateRoot);
  }

  @Override
  public String version() throws IOException {
    return exec(List.of("--version"), true).stdout().lines().findFirst().orElse("");
  }

  @Override
  public void start(String id) throws IOException {
    exec(List.of("start", id), true);
  }

  @Override
  public Optional<State> state(String id) throws IOException {
    Result r = exec(List.of("state", id), false);
    if (r.exit() != 0) {
      if (notFound(r)) {
        return Optional.empty();
      }
      throw failure("state", r);
    }
    return Optional.of(JSON.readValue(r.stdout(), State.class));
  }

  @Override
  public void kill(String id, int signal) throws IOException {
    exec(List.of("kill", id, Integer.toString(signal)), true);
  }

  @Override
  public void pause(String id) throws IOException {
    exec(List.of("pause", id), true);
  }

  @Override
  public void resume(String id) throws IOException {
    exec(List.of("resume", id), true);
  }

  @Override
  public void update(String id, Path resources) throws IOException {
    exec(List.of("update", "--resources=" + resources, id), true);
  }

  @Override
  public void delete(String id, boolean force) throws IOException {
    Result r = exec(force ? List.of("delete", "--force", id) : List.of("delete", id), false);
    if (r.exit() != 0 && !notFound(r)) {
      throw failure("delete", r);
    }
  }

  @Override
  public Process exec(String id, Path processJson, List<String> extraArgs) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(globalArgs());
    cmd.addAll(List.of("exec", "--process", processJson.toString()));
    cmd.addAll(extraArgs);
    cmd.add(id);
    return new ProcessBuilder(cmd).start();
  }

  @Override
  public void run(String id, Path bundle) throws IOException {
    exec(List.of("run", "--bundle", bundle.toString(), id), true);
  }

  private static boolean notFound(Result r) {
    String err = r.stderr().toLowerCase();
    return err.contains("does not exist") || err.contains("not found") || err.contains("no such file");
  }

  private IOException failure(String verb, Result r) {
    return new OciRuntime.RuntimeCommandException(
        name + " " + verb + " failed (exit " + r.exit() + "): " + r.stderr().strip());
  }

  record Result(int exit, String stdout, String stderr) {}

  private Result exec(List<String> verb, boolean check) throws IOException {
    List<String> cmd = new ArrayList<>();
    cmd.add(executable.toString());
    cmd.addAll(globalArgs());
    cmd.addAll(verb);
    Process p = new ProcessBuilder(cmd).redirectInput(DEV_NULL).start();
    try {
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(name + " " + verb.get(0) + " timed out");
      }
      Result r = new Result(p.exitValue(), out, err);
      if (check && r.exit() != 0) {
        throw failure(verb.get(0), r);
      }
      return r;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }
}
