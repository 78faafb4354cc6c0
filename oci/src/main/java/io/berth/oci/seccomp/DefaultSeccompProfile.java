package io.berth.oci.seccomp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Berth's default profile ({@code default-profile.json}, Docker's format), with Docker's
 * semantics: syscalls not on the allow-list fail with EPERM; those Docker gates on a capability
 * (mount, unshare, setns, namespace flags of clone, module loading, ...) are allowed only when
 * the container has it. Translated once per capability set and node, not per container.
 */
public final class DefaultSeccompProfile {
  private static final SeccompProfile PROFILE = load();
  private final String arch;
  private final String kernel;
  private final ConcurrentHashMap<Set<String>, LinuxSeccomp> byCaps = new ConcurrentHashMap<>();

  /** For this node: the JVM's architecture and the running kernel ({@code os.version}). */
  public DefaultSeccompProfile() {
    this(SeccompProfile.nativeArchitecture(), System.getProperty("os.version"));
  }

  public DefaultSeccompProfile(String arch, String kernel) {
    this.arch = arch;
    this.kernel = kernel;
  }

  /** The section for a container granted {@code caps} (CAP_ names); cached per distinct set. */
  public LinuxSeccomp forCapabilities(Set<String> caps) {
    return byCaps.computeIfAbsent(Set.copyOf(caps), c -> PROFILE.toRuntime(c, arch, kernel));
  }

  private static SeccompProfile load() {
    try (InputStream in = DefaultSeccompProfile.class.getResourceAsStream("default-profile.json")) {
      if (in == null) {
        throw new IllegalStateException("default-profile.json missing from the classpath");
      }
      return SeccompProfile.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
