package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Limits and security options of `docker run`, with Docker's flags, through the stock CLI. */
class ResourcesSecurityIT {
  static final Path ROOTFS_TAR = BerthStack.HOME.getParent().resolve("busybox-rootfs.tar");
  static final Path CGROUP = Path.of("/sys/fs/cgroup");

  @BeforeAll
  static void busyboxImage() {
    BerthStack.ensureUp();
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
            List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), ROOTFS_TAR.toString()))
        .assertOk();
    BerthStack.docker("import", ROOTFS_TAR.toString(), "busybox").assertOk();
  }

  static String all(Shell.Result r) {
    return r.stdout() + r.stderr();
  }

  @Test
  void outOfMemoryExits137AndInspectShowsOomKilled() {
    Shell.Result oom = BerthStack.docker("run", "--name", "oom", "-m", "16m", "busybox",
        "sh", "-c", "x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived");
    assertEquals(137, oom.exitCode(), all(oom));
    assertTrue(!oom.stdout().contains("survived"), oom.stdout());
    assertEquals("exited 137 true",
        BerthStack.docker("inspect", "-f", "{{.State.Status}} {{.State.ExitCode}} {{.State.OOMKilled}}", "oom")
            .assertOk().stdout().trim());
    assertEquals("16777216", BerthStack.docker("inspect", "-f", "{{.HostConfig.Memory}}", "oom").assertOk().stdout().trim());
    BerthStack.docker("rm", "oom").assertOk();

    BerthStack.docker("run", "-d", "--name", "notoom", "-m", "16m", "busybox", "sleep", "60").assertOk();
    BerthStack.docker("kill", "notoom").assertOk();
    assertEquals("137", BerthStack.docker("wait", "notoom").assertOk().stdout().trim());
    assertEquals("false", BerthStack.docker("inspect", "-f", "{{.State.OOMKilled}}", "notoom").assertOk().stdout().trim(),
        "a SIGKILL that was not the OOM killer's");
    BerthStack.docker("rm", "notoom").assertOk();
  }

  @Test
  void pidsLimitStopsAForkLoop() {
    Shell.Result r = BerthStack.docker("run", "--rm", "--pids-limit", "10", "busybox",
        "sh", "-c", "for i in $(seq 30); do sleep 5 & done; wait; echo all-forked");
    assertTrue(all(r).contains("can't fork"), all(r));
    assertTrue(!r.stdout().contains("all-forked"), r.stdout());
  }

  @Test
  void limitsReachTheContainersCgroup() throws Exception {
    String id = BerthStack.docker("run", "-d", "-m", "32m", "--memory-swap", "64m", "--memory-reservation", "16m",
        "--cpus", "0.5", "--cpu-shares", "512", "--cpuset-cpus", "0", "--pids-limit", "50", "--shm-size", "8m",
        "busybox", "sh", "-c", "df -k /dev/shm | tail -1; sleep 60").assertOk().stdout().trim();
    try {
      Path memory = CGROUP.resolve("memory/berth/" + id);
      assertEquals(String.valueOf(32L << 20), Files.readString(memory.resolve("memory.limit_in_bytes")).trim());
      assertEquals(String.valueOf(16L << 20), Files.readString(memory.resolve("memory.soft_limit_in_bytes")).trim());
      assertEquals(String.valueOf(64L << 20), Files.readString(memory.resolve("memory.memsw.limit_in_bytes")).trim());
      assertEquals("50000", Files.readString(CGROUP.resolve("cpu/berth/" + id + "/cpu.cfs_quota_us")).trim());
      assertEquals("100000", Files.readString(CGROUP.resolve("cpu/berth/" + id + "/cpu.cfs_period_us")).trim());
      assertEquals("512", Files.readString(CGROUP.resolve("cpu/berth/" + id + "/cpu.shares")).trim());
      assertEquals("0", Files.readString(CGROUP.resolve("cpuset/berth/" + id + "/cpuset.cpus")).trim());
      assertEquals("50", Files.readString(CGROUP.resolve("pids/berth/" + id + "/pids.max")).trim());
      String logs = "";
      for (int i = 0; i < 50 && !logs.contains("shm"); i++) {
        Thread.sleep(100);
        logs = BerthStack.docker("logs", id).stdout();
      }
      assertTrue(logs.matches("(?s)shm\\s+8192\\s.*"), logs);
    } finally {
      BerthStack.docker("rm", "-f", id).assertOk();
    }
  }

  @Test
  void ulimitsAreAppliedAndClampedToTheHostsHardLimit() {
    Shell.Result r = BerthStack.docker("run", "--rm", "--ulimit", "nofile=512:1024", "busybox",
        "sh", "-c", "ulimit -n; ulimit -Hn");
    assertEquals("512\n1024\n", r.stdout(), r.stderr());
    // This host's hard nofile limit is 20000 and node-runtime lacks CAP_SYS_RESOURCE to raise it.
    long hostHard = hostHardNofile();
    Shell.Result high = BerthStack.docker("run", "--rm", "--ulimit", "nofile=" + (hostHard + 10000) + ":" + (hostHard + 10000),
        "busybox", "sh", "-c", "ulimit -Hn");
    assertEquals(0, high.exitCode(), all(high));
    assertEquals(hostHard + "\n", high.stdout());
  }

  @Test
  void invalidLimitsAreRefusedAtCreateWithDockersMessage() {
    Shell.Result r = BerthStack.docker("create", "-m", "1m", "busybox", "true");
    assertNotEquals(0, r.exitCode());
    assertTrue(r.stderr().contains("Minimum memory limit allowed is 6MB"), r.stderr());
    Shell.Result cap = BerthStack.docker("create", "--cap-add", "NOT_A_CAP", "busybox", "true");
    assertNotEquals(0, cap.exitCode());
    assertTrue(cap.stderr().contains("unknown capability"), cap.stderr());
  }

  @Test
  void readOnlyRootfsRefusesWritesButTmpfsAccepts() {
    Shell.Result r = BerthStack.docker("run", "--rm", "--read-only", "--tmpfs", "/run:size=1m", "busybox",
        "sh", "-c", "echo ok > /run/f && cat /run/f; touch /x");
    assertNotEquals(0, r.exitCode());
    assertEquals("ok\n", r.stdout());
    assertTrue(r.stderr().contains("Read-only file system"), r.stderr());
    Shell.Result writable = BerthStack.docker("run", "--rm", "busybox", "touch", "/x");
    assertEquals(0, writable.exitCode(), all(writable));
  }

  @Test
  void mountNeedsPrivileged() {
    String script = "mkdir -p /m && mount -t tmpfs none /m && echo mounted";
    Shell.Result plain = BerthStack.docker("run", "--rm", "busybox", "sh", "-c", script);
    assertNotEquals(0, plain.exitCode(), all(plain));
    String err = plain.stderr().toLowerCase(java.util.Locale.ROOT);
    assertTrue(err.contains("permission denied") || err.contains("not permitted"), plain.stderr()); // busybox: mount: permission denied (are you root?)
    Shell.Result privileged = BerthStack.docker("run", "--rm", "--privileged", "busybox", "sh", "-c", script);
    assertEquals(0, privileged.exitCode(), all(privileged));
    assertEquals("mounted\n", privileged.stdout());
  }

  @Test
  void capDropAndCapAdd() {
    assertEquals(0, BerthStack.docker("run", "--rm", "busybox", "chown", "1:1", "/etc/passwd").exitCode());
    Shell.Result dropped = BerthStack.docker("run", "--rm", "--cap-drop", "CHOWN", "busybox", "chown", "1:1", "/etc/passwd");
    assertNotEquals(0, dropped.exitCode());
    assertTrue(dropped.stderr().contains("Operation not permitted"), dropped.stderr());
    Shell.Result none = BerthStack.docker("run", "--rm", "--cap-drop", "ALL", "busybox", "grep", "CapEff", "/proc/self/status");
    assertEquals("CapEff:\t0000000000000000\n", none.stdout(), none.stderr());
    Shell.Result admin = BerthStack.docker("run", "--rm", "--cap-add", "SYS_ADMIN", "busybox",
        "sh", "-c", "mkdir -p /m && mount -t tmpfs none /m && echo mounted");
    assertEquals("mounted\n", admin.stdout(), admin.stderr());
  }

  @Test
  void defaultContainerCannotTouchTheHost() {
    Shell.Result r = BerthStack.docker("run", "--rm", "busybox", "sh", "-c",
        "echo h > /proc/sysrq-trigger 2>/dev/null || echo no-sysrq;"
            + " hostname evil 2>/dev/null || echo no-hostname;"
            + " echo $(ps -o pid= | wc -l) processes; grep CapBnd /proc/self/status");
    assertEquals(0, r.exitCode(), all(r));
    assertTrue(r.stdout().contains("no-sysrq"), r.stdout());
    assertTrue(r.stdout().contains("no-hostname"), r.stdout());
    // Docker's default capability set: no CAP_SYS_MODULE (modules), CAP_SYS_ADMIN (mount), ...
    assertTrue(r.stdout().contains("CapBnd:\t00000000a80425fb"), r.stdout());
    int processes = Integer.parseInt(r.stdout().replaceAll("(?s).*?(\\d+) processes.*", "$1"));
    assertTrue(processes < 6, "sees only its own processes: " + r.stdout());
    Shell.Result nnp = BerthStack.docker("run", "--rm", "--security-opt", "no-new-privileges", "busybox",
        "grep", "NoNewPrivs", "/proc/self/status");
    assertEquals("NoNewPrivs:\t1\n", nnp.stdout(), nnp.stderr());
  }

  @Test
  void initRunsAsPid1AndReapsOrphans() {
    Shell.Result r = BerthStack.docker("run", "--rm", "--init", "busybox", "sh", "-c",
        "tr '\\0' ' ' < /proc/1/cmdline; echo; sh -c 'sleep 0 & exec true'; sleep 1;"
            + " ps -o stat= | grep -c Z || true");
    // ./berth test and ./berth up install Debian's tini (tini-static is what --init mounts).
    assertEquals(0, r.exitCode(), all(r));
    String[] lines = r.stdout().split("\n");
    assertEquals("/sbin/docker-init -- sh -c", lines[0].substring(0, "/sbin/docker-init -- sh -c".length()), r.stdout());
    assertEquals("0", lines[lines.length - 1].trim(), "orphaned zombies reaped by the init: " + r.stdout());
  }

  static long hostHardNofile() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
        if (line.startsWith("Max open files")) {
          return Long.parseLong(line.substring("Max open files".length()).trim().split("\\s+")[1]);
        }
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    throw new IllegalStateException("no nofile limit");
  }
}
