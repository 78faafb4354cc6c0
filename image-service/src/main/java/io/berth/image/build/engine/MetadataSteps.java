package io.berth.image.build.engine;

import io.berth.dockerfile.Command;
import io.berth.dockerfile.Instruction;
import io.berth.dockerfile.KeyValue;
import io.berth.oci.image.ImageConfigJson;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The instructions that only change the image config, applied as Docker's classic builder does
 * (e.g. ENTRYPOINT clears a CMD not set in the same stage). Each returns the history comment.
 */
final class MetadataSteps {
  private MetadataSteps() {}

  /** Whether {@code i} changes only the config (no layer, no container). */
  static boolean isMetadata(Instruction i) {
    return !(i instanceof Instruction.Run || i instanceof Instruction.Copy || i instanceof Instruction.Add
        || i instanceof Instruction.Workdir || i instanceof Instruction.From);
  }

  /**
   * Applies {@code i} (already expanded) to {@code c}.
   *
   * @param stage per-stage flags (cmdSet)
   * @return the created_by text for the history
   */
  static String apply(Instruction i, MutableConfig c, StageFlags stage) {
    List<String> shell = c.shell;
    if (i instanceof Instruction.Env env) {
      StringBuilder comment = new StringBuilder("ENV");
      for (KeyValue kv : env.pairs()) {
        c.setEnv(kv.key(), kv.value());
        comment.append(' ').append(kv.key()).append('=').append(kv.value());
      }
      return CreatedBy.nop(shell, comment.toString());
    }
    if (i instanceof Instruction.Label label) {
      StringBuilder comment = new StringBuilder("LABEL");
      for (KeyValue kv : label.pairs()) {
        c.labels.put(kv.key(), kv.value());
        comment.append(' ').append(kv.key()).append('=').append(kv.value());
      }
      return CreatedBy.nop(shell, comment.toString());
    }
    if (i instanceof Instruction.Expose expose) {
      for (String p : expose.ports()) {
        for (String port : Ports.expand(p)) {
          c.exposedPorts.put(port, Map.of());
        }
      }
      return CreatedBy.nop(shell, "EXPOSE " + String.join(" ", expose.ports()));
    }
    if (i instanceof Instruction.User user) {
      c.user = user.user();
      return CreatedBy.nop(shell, "USER " + user.user());
    }
    if (i instanceof Instruction.Volume volume) {
      for (String v : volume.paths()) {
        if (v.isBlank()) {
          throw new BuildFailure("VOLUME specified can not be an empty string");
        }
        c.volumes.put(v, Map.of());
      }
      return CreatedBy.nop(shell, "VOLUME " + CreatedBy.plain(volume.paths()));
    }
    if (i instanceof Instruction.Cmd cmd) {
      c.cmd = argv(cmd.command(), shell);
      stage.cmdSet = true;
      return CreatedBy.nop(shell, "CMD " + CreatedBy.quoted(c.cmd));
    }
    if (i instanceof Instruction.Entrypoint ep) {
      c.entrypoint = argv(ep.command(), shell);
      if (!stage.cmdSet) {
        c.cmd = null;
      }
      return CreatedBy.nop(shell, "ENTRYPOINT " + CreatedBy.quoted(c.entrypoint));
    }
    if (i instanceof Instruction.Shell sh) {
      c.shell = sh.shell();
      return CreatedBy.nop(c.shell, "SHELL " + CreatedBy.plain(sh.shell()));
    }
    if (i instanceof Instruction.Healthcheck hc) {
      c.healthcheck = new ImageConfigJson.Healthcheck(hc.test(), nanos(hc.interval()), nanos(hc.timeout()),
          nanos(hc.startPeriod()), nanos(hc.startInterval()), hc.retries());
      return CreatedBy.nop(shell, "HEALTHCHECK &{" + CreatedBy.quoted(hc.test()) + " " + text(hc.interval()) + " "
          + text(hc.timeout()) + " " + text(hc.startPeriod()) + " " + text(hc.startInterval()) + " "
          + (hc.retries() == null ? 0 : hc.retries()) + "}");
    }
    if (i instanceof Instruction.StopSignal sig) {
      c.stopSignal = sig.signal();
      return CreatedBy.nop(shell, "STOPSIGNAL " + sig.signal());
    }
    if (i instanceof Instruction.OnBuild ob) {
      List<String> triggers = c.onBuild == null ? new ArrayList<>() : new ArrayList<>(c.onBuild);
      triggers.add(ob.expression());
      c.onBuild = triggers;
      return CreatedBy.nop(shell, "ONBUILD " + ob.expression());
    }
    if (i instanceof Instruction.Maintainer m) {
      stage.author = m.name();
      return CreatedBy.nop(shell, "MAINTAINER " + m.name());
    }
    if (i instanceof Instruction.Arg arg) {
      return CreatedBy.nop(shell, "ARG " + arg.name() + (arg.defaultValue() == null ? "" : "=" + arg.defaultValue()));
    }
    throw new IllegalArgumentException("not a metadata instruction: " + i.keyword());
  }

  /** CMD/ENTRYPOINT/RUN argv: the exec form as is, the shell form behind the stage's SHELL. */
  static List<String> argv(Command command, List<String> shell) {
    if (!command.shellForm()) {
      return command.args();
    }
    List<String> out = new ArrayList<>(CreatedBy.shell(shell));
    out.addAll(command.args());
    return out;
  }

  private static Long nanos(Duration d) {
    return d == null || d.isZero() ? null : d.toNanos();
  }

  private static String text(Duration d) {
    return "\"" + (d == null ? "0s" : d.toSeconds() + "s") + "\"";
  }

  /** Flags a stage carries between its steps. */
  static final class StageFlags {
    boolean cmdSet;
    String author;
  }
}
