package io.berth.node.oci;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A runc-compatible OCI runtime CLI: a thin adapter with no state logic of its own (podman's
 * rule). Creating a container is left to the monitor (conmon), which invokes
 * {@link #executable()} with {@link #globalArgs()}.
 */
public interface OciRuntime {

  /** The runtime's view of a container ({@code state} output). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  record State(String id, int pid, String status, String bundle) {}

  /** "runc" or "crun". */
  String name();

  /** The program to run for every verb (for crun a wrapper script). */
  Path executable();

  /** Global options placed before the verb, e.g. {@code --root=<dir>}. */
  List<String> globalArgs();

  /** {@code version}: the first line of the runtime's version output. */
  String version() throws IOException;

  /**
   * Called before the monitor creates {@code id} from {@code bundle}, whose spec a runtime may
   * still tune for itself (nothing by default).
   */
  default void beforeCreate(String id, Path bundle) throws IOException {}

  /** Called after the monitor's create of {@code id}; {@code created} tells whether it worked. */
  default void afterCreate(String id, boolean created) {}

  /** {@code start <id>}: runs the user process of a created container. */
  void start(String id) throws IOException;

  /** {@code state <id>}, empty when the runtime does not know the container. */
  Optional<State> state(String id) throws IOException;

  /** {@code kill <id> <signal>}. */
  void kill(String id, int signal) throws IOException;

  /** {@code pause <id>}: freezes every process of the container (freezer cgroup). */
  void pause(String id) throws IOException;

  /** {@code resume <id>}: thaws a paused container. */
  void resume(String id) throws IOException;

  /** {@code update --resources=<file> <id>}: new cgroup limits (OCI linux.resources JSON) for a running container. */
  void update(String id, Path resources) throws IOException;

  /** {@code delete [--force] <id>}; a container the runtime does not know is not an error. */
  void delete(String id, boolean force) throws IOException;

  /**
   * {@code exec --process <file> [extra…] <id>}: starts an extra process in a running container
   * and returns the runtime's process, whose stdio are the new process's and whose exit status is
   * its exit status (the runtime stays in the foreground until it ends).
   */
  Process exec(String id, Path processJson, List<String> extraArgs) throws IOException;

  /** {@code run <id>} in the foreground (probing and benchmarks only); throws unless it exits 0. */
  void run(String id, Path bundle) throws IOException;

  /** A runtime invocation that failed. */
  final class RuntimeCommandException extends IOException {
    public RuntimeCommandException(String message) {
      super(message);
    }
  }
}
