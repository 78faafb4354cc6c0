package io.berth.gateway.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/** What the host machine is, read from /proc, /etc and /sys the way dockerd reports it. */
public record HostFacts(
    String kernelVersion,
    String operatingSystem,
    String osVersion,
    String architecture,
    String goArch,
    int ncpu,
    long memTotal,
    String hostname,
    String cgroupVersion) {

  /** Reads the facts that do not change while the process runs. */
  public static HostFacts read(Path root) {
    String arch = System.getProperty("os.arch", "");
    List<String> osRelease = lines(root.resolve("etc/os-release"));
    return new HostFacts(
        firstLine(root.resolve("proc/sys/kernel/osrelease")).orElse(System.getProperty("os.version")),
        osReleaseValue(osRelease, "PRETTY_NAME").orElse("Linux"),
        osReleaseValue(osRelease, "VERSION_ID").orElse(""),
        unameMachine(arch),
        goArch(arch),
        Runtime.getRuntime().availableProcessors(),
        memTotal(lines(root.resolve("proc/meminfo"))),
        hostname(root),
        cgroupVersion(root.resolve("sys/fs/cgroup")));
  }

  /** Java's os.arch in Go's GOARCH spelling (what Docker's /version "Arch" holds). */
  static String goArch(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "amd64";
      case "aarch64", "arm64" -> "arm64";
      case "x86", "i386", "i686" -> "386";
      case "arm" -> "arm";
      case "ppc64le" -> "ppc64le";
      case "s390x" -> "s390x";
      case "riscv64" -> "riscv64";
      default -> javaArch;
    };
  }

  /** Java's os.arch in uname -m spelling (what Docker's /info "Architecture" holds). */
  static String unameMachine(String javaArch) {
    return switch (javaArch.toLowerCase(Locale.ROOT)) {
      case "amd64", "x86_64" -> "x86_64";
      case "arm64", "aarch64" -> "aarch64";
      case "x86", "i386" -> "i686";
      default -> javaArch;
    };
  }

  static Optional<String> osReleaseValue(List<String> lines, String key) {
    return lines.stream()
        .filter(l -> l.startsWith(key + "="))
        .map(l -> l.substring(key.length() + 1).trim())
        .map(v -> v.length() >= 2 && (v.startsWith("\"") || v.startsWith("'")) ? v.substring(1, v.length() - 1) : v)
        .findFirst();
  }

  /** MemTotal from /proc/meminfo, in bytes (the file says kB, meaning KiB). */
  static long memTotal(List<String> meminfo) {
    return meminfo.stream()
        .filter(l -> l.startsWith("MemTotal:"))
        .map(l -> l.substring("MemTotal:".length()).trim().split("\\s+")[0])
        .mapToLong(kib -> Long.parseLong(kib) * 1024)
        .findFirst()
        .orElse(Runtime.getRuntime().maxMemory());
  }

  /** "2" when /sys/fs/cgroup itself is a cgroup2 mount (it has cgroup.controllers), else "1". */
  static String cgroupVersion(Path cgroupRoot) {
    return Files.exists(cgroupRoot.resolve("cgroup.controllers")) ? "2" : "1";
  }

  private static String hostname(Path root) {
    Optional<String> kernel = firstLine(root.resolve("proc/sys/kernel/hostname"));
    if (kernel.isPresent() && !kernel.get().isBlank()) {
      return kernel.get();
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  private static Optional<String> firstLine(Path file) {
    return lines(file).stream().findFirst().map(String::trim);
  }

  private static List<String> lines(Path file) {
    try (Stream<String> s = Files.lines(file)) {
      return s.toList();
    } catch (IOException | UncheckedIOException e) {
      return List.of();
    }
  }
}
