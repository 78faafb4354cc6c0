package io.berth.node.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jboss.logging.Logger;

/**
 * Compiles each seccomp profile once per crun version instead of once per container.
 *
 * <p>crun turns the spec's seccomp profile into a BPF program with libseccomp on every create
 * (about 15 ms of CPU for Docker's default profile here) and leaves the result in its state
 * directory as {@code seccomp.bpf}. It also accepts a finished program in the annotation
 * {@value #ANNOTATION} (base64) and then skips the compilation. So the first container with a
 * profile teaches the cache (its {@code seccomp.bpf} is kept under the hash of crun's version and
 * the profile), and later containers with the same profile carry the program in their spec. The
 * profile stays in the spec, so runc, or any reader of the spec, still sees the filter.
 */
final class SeccompBpfCache {
  static final String ANNOTATION = "run.oci.seccomp_bpf_data";
  private static final Logger LOG = Logger.getLogger(SeccompBpfCache.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path dir;
  private final Path stateRoot;
  private final String runtimeVersion;
  /** Container id → cache key of its profile, between create and {@link #learn}. */
  private final Map<String, String> pending = new ConcurrentHashMap<>();

  SeccompBpfCache(Path dir, Path stateRoot, String runtimeVersion) {
    this.dir = dir;
    this.stateRoot = stateRoot;
    this.runtimeVersion = runtimeVersion;
  }

  /** Adds the compiled program to the bundle's spec when the cache has it for this profile. */
  void annotate(String containerId, Path bundle) throws IOException {
    Path config = bundle.resolve("config.json");
    ObjectNode spec = (ObjectNode) JSON.readTree(config.toFile());
    JsonNode seccomp = spec.path("linux").path("seccomp");
    ObjectNode annotations = spec.path("annotations") instanceof ObjectNode a ? a : null;
    if (seccomp.isMissingNode() || seccomp.isNull() || (annotations != null && annotations.has(ANNOTATION))) {
      return;
    }
    String key = key(seccomp);
    Path program = dir.resolve(key + ".bpf");
    if (!Files.exists(program)) {
      pending.put(containerId, key);
      return;
    }
    (annotations != null ? annotations : spec.putObject("annotations"))
        .put(ANNOTATION, Base64.getEncoder().encodeToString(Files.readAllBytes(program)));
    Path tmp = bundle.resolve("config.json.bpf");
    JSON.writeValue(tmp.toFile(), spec);
    Files.move(tmp, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** After a successful create: keeps the program crun compiled, if the cache lacked it. */
  void learn(String containerId) {
    String key = pending.remove(containerId);
    if (key == null) {
      return;
    }
    Path compiled = stateRoot.resolve(containerId).resolve("seccomp.bpf");
    Path program = dir.resolve(key + ".bpf");
    try {
      if (Files.exists(program) || !Files.isRegularFile(compiled)) {
        return;
      }
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, key, ".tmp");
      Files.copy(compiled, tmp, StandardCopyOption.REPLACE_EXISTING);
      Files.move(tmp, program, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      LOG.debugf("seccomp program of %s not cached: %s", containerId, e.getMessage());
    }
  }

  /** Drops what {@link #annotate} remembered for a create that failed. */
  void forget(String containerId) {
    pending.remove(containerId);
  }

  private String key(JsonNode seccomp) {
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(runtimeVersion.getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(seccomp.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
