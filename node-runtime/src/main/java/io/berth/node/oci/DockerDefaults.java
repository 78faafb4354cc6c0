package io.berth.node.oci;

import java.util.List;

/**
 * Docker's defaults for a non-privileged container (moby {@code oci/defaults.go} and
 * {@code oci/caps/defaults.go}), written down once.
 */
public final class DockerDefaults {
  private DockerDefaults() {}

  public static final String DEFAULT_PATH =
      "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

  public static final List<String> CAPABILITIES =
      List.of(
          "CAP_CHOWN",
          "CAP_DAC_OVERRIDE",
          "CAP_FSETID",
          "CAP_FOWNER",
          "CAP_MKNOD",
          "CAP_NET_RAW",
          "CAP_SETGID",
          "CAP_SETUID",
          "CAP_SETFCAP",
          "CAP_SETPCAP",
          "CAP_NET_BIND_SERVICE",
          "CAP_SYS_CHROOT",
          "CAP_KILL",
          "CAP_AUDIT_WRITE");

  public static final List<String> MASKED_PATHS =
      List.of(
          "/proc/asound",
          "/proc/acpi",
          "/proc/kcore",
          "/proc/keys",
          "/proc/latency_stats",
          "/proc/timer_list",
          "/proc/timer_stats",
          "/proc/sched_debug",
          "/proc/scsi",
          "/sys/firmware",
          "/sys/devices/virtual/powercap");

  public static final List<String> READONLY_PATHS =
      List.of("/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger");

  public static final List<RuntimeSpec.Mount> MOUNTS =
      List.of(
          new RuntimeSpec.Mount("/proc", "proc", "proc", List.of("nosuid", "noexec", "nodev")),
          new RuntimeSpec.Mount(
              "/dev", "tmpfs", "tmpfs", List.of("nosuid", "strictatime", "mode=755", "size=65536k")),
          new RuntimeSpec.Mount(
              "/dev/pts",
              "devpts",
              "devpts",
              List.of("nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5")),
          new RuntimeSpec.Mount("/sys", "sysfs", "sysfs", List.of("nosuid", "noexec", "nodev", "ro")),
          new RuntimeSpec.Mount(
              "/sys/fs/cgroup", "cgroup", "cgroup", List.of("ro", "nosuid", "noexec", "nodev")),
          new RuntimeSpec.Mount(
              "/dev/mqueue", "mqueue", "mqueue", List.of("nosuid", "noexec", "nodev")),
          new RuntimeSpec.Mount(
              "/dev/shm",
              "tmpfs",
              "shm",
              List.of("nosuid", "noexec", "nodev", "mode=1777", "size=67108864")));

  /** Namespaces a container gets of its own; the network one stays empty (only lo) for now. */
  public static final List<String> NAMESPACES = List.of("pid", "mount", "uts", "ipc", "network");

  /** Cap on RLIMIT_NOFILE (dockerd's usual), lowered to the host's hard limit. */
  public static final long MAX_NOFILE = 1048576;
}
