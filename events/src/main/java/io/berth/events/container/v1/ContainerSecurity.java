package io.berth.events.container.v1;

import io.berth.events.Collections2;
import java.util.List;
import java.util.Map;

/**
 * Security options of a container (Docker's HostConfig); the defaults are Docker's: its
 * capability set, masked paths, read-write rootfs, the default seccomp profile.
 *
 * @param privileged every capability the node has, all host devices, no masked or read-only paths
 * @param capAdd capabilities added to the default set, {@code CAP_} prefix, or {@code ALL}
 * @param capDrop capabilities dropped from the default set, {@code CAP_} prefix, or {@code ALL}
 * @param readonlyRootfs mount the root filesystem read-only ({@code --read-only})
 * @param noNewPrivileges {@code --security-opt no-new-privileges}
 * @param seccomp null = the default profile, {@code unconfined}, or a profile's JSON text
 * @param tmpfs mount point to tmpfs mount options ({@code --tmpfs /path[:opts]}), options may be empty
 * @param init run a tiny init as pid 1 that reaps zombies and forwards signals ({@code --init})
 * @param devices host devices made available in the container ({@code --device}); may be empty
 * @param deviceCgroupRules extra device cgroup rules ({@code --device-cgroup-rule}, "c 1:3 rwm"); may be empty
 */
public record ContainerSecurity(
    boolean privileged,
    List<String> capAdd,
    List<String> capDrop,
    boolean readonlyRootfs,
    boolean noNewPrivileges,
    String seccomp,
    Map<String, String> tmpfs,
    boolean init,
    // Omitted when empty, so commands without devices keep their exact earlier wire form.
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<ContainerDevice> devices,
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_EMPTY)
        List<String> deviceCgroupRules) {

  public ContainerSecurity {
    capAdd = Collections2.list(capAdd);
    capDrop = Collections2.list(capDrop);
    tmpfs = Collections2.map(tmpfs);
    devices = Collections2.list(devices);
    deviceCgroupRules = Collections2.list(deviceCgroupRules);
  }

  /** Options without devices. */
  public ContainerSecurity(
      boolean privileged, List<String> capAdd, List<String> capDrop, boolean readonlyRootfs,
      boolean noNewPrivileges, String seccomp, Map<String, String> tmpfs, boolean init) {
    this(privileged, capAdd, capDrop, readonlyRootfs, noNewPrivileges, seccomp, tmpfs, init, null, null);
  }

  /** Linux capability names; the index is the capability's bit number (linux/capability.h). */
  public static final List<String> LINUX_CAPABILITIES =
      List.of(
          "CAP_CHOWN", "CAP_DAC_OVERRIDE", "CAP_DAC_READ_SEARCH", "CAP_FOWNER", "CAP_FSETID",
          "CAP_KILL", "CAP_SETGID", "CAP_SETUID", "CAP_SETPCAP", "CAP_LINUX_IMMUTABLE",
          "CAP_NET_BIND_SERVICE", "CAP_NET_BROADCAST", "CAP_NET_ADMIN", "CAP_NET_RAW",
          "CAP_IPC_LOCK", "CAP_IPC_OWNER", "CAP_SYS_MODULE", "CAP_SYS_RAWIO", "CAP_SYS_CHROOT",
          "CAP_SYS_PTRACE", "CAP_SYS_PACCT", "CAP_SYS_ADMIN", "CAP_SYS_BOOT", "CAP_SYS_NICE",
          "CAP_SYS_RESOURCE", "CAP_SYS_TIME", "CAP_SYS_TTY_CONFIG", "CAP_MKNOD", "CAP_LEASE",
          "CAP_AUDIT_WRITE", "CAP_AUDIT_CONTROL", "CAP_SETFCAP", "CAP_MAC_OVERRIDE",
          "CAP_MAC_ADMIN", "CAP_SYSLOG", "CAP_WAKE_ALARM", "CAP_BLOCK_SUSPEND", "CAP_AUDIT_READ",
          "CAP_PERFMON", "CAP_BPF", "CAP_CHECKPOINT_RESTORE");

  /** Docker's defaults: nothing added, nothing dropped. */
  public static ContainerSecurity defaults() {
    return new ContainerSecurity(false, List.of(), List.of(), false, false, null, Map.of(), false);
  }
}
