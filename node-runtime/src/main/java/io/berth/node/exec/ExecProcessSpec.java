package io.berth.node.exec;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.oci.UserResolver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The OCI process of an exec: the container's own process (capabilities, rlimits,
 * no-new-privileges, user, env) with the exec's command, env, working directory and user laid
 * over it, as dockerd derives an exec from its container.
 */
public final class ExecProcessSpec {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final UserResolver users;
  private final Collection<String> privilegedCaps;

  /** {@code privilegedCaps}: what {@code exec --privileged} grants (the node's bounding set). */
  public ExecProcessSpec(UserResolver users, Collection<String> privilegedCaps) {
    this.users = users;
    this.privilegedCaps = List.copyOf(privilegedCaps);
  }

  /** The process JSON for {@code exec} in the bundle whose spec is {@code config} and root {@code rootfs}. */
  public ObjectNode build(Path config, Path rootfs, ExecConfig exec) throws IOException {
    ObjectNode spec = (ObjectNode) JSON.readTree(Files.readAllBytes(config));
    ObjectNode process = ((ObjectNode) spec.path("process")).deepCopy();
    process.put("terminal", exec.tty());
    ArrayNode args = process.putArray("args");
    exec.cmd().forEach(args::add);
    String home = null;
    if (exec.user() != null) {
      UserResolver.ResolvedUser user = users.resolve(rootfs, exec.user());
      ObjectNode u = process.putObject("user");
      u.put("uid", user.uid());
      u.put("gid", user.gid());
      ArrayNode extra = u.putArray("additionalGids");
      user.additionalGids().forEach(extra::add);
      home = user.home();
    }
    List<String> env = new ArrayList<>();
    process.path("env").forEach(e -> env.add(e.asText()));
    if (home != null) {
      env.removeIf(e -> e.startsWith("HOME=")); // the exec's user has its own home
    }
    env.addAll(exec.env());
    ArrayNode envNode = process.putArray("env");
    SpecBuilder.env(env, null, home == null ? "/root" : home).forEach(envNode::add);
    if (exec.workingDir() != null) {
      process.put("cwd", exec.workingDir());
    }
    if (exec.privileged()) {
      ObjectNode caps = process.putObject("capabilities");
      for (String set : List.of("bounding", "effective", "permitted")) {
        ArrayNode list = caps.putArray(set);
        privilegedCaps.forEach(list::add);
      }
    }
    if (exec.tty()) {
      ObjectNode size = process.putObject("consoleSize");
      size.put("height", 24);
      size.put("width", 80);
    }
    return process;
  }

  /** Writes {@code process} to {@code file} (the runtime reads it with {@code exec --process}). */
  public static void write(ObjectNode process, Path file) throws IOException {
    Files.write(file, JSON.writeValueAsBytes(process));
  }
}
