package io.berth.node.task;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.container.v1.ContainerResources;
import io.berth.events.container.v1.ContainerSecurity;
import io.berth.node.bundle.Bundle;
import io.berth.node.bundle.BundleStore;
import io.berth.node.mount.OverlayMount;
import io.berth.node.oci.CrunRuntime;
import io.berth.node.oci.MemoryCgroup;
import io.berth.node.oci.RuncRuntime;
import io.berth.node.linux.SeqPacketSocket;
import io.berth.node.oci.ProcessStdio;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.snapshot.LayerUnpacker;
import io.berth.node.snapshot.SnapshotStore;
import io.berth.node.snapshot.Trees;
import io.berth.node.testing.BusyboxRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** busybox layer → snapshot → overlay → config.json → conmon + runc/crun, end to end. */
@Tag("privileged")
class ContainerLifecycleTest {
  static final Path HOME = Path.of("target", "berth-home-e2e").toAbsolutePath();
  static final AtomicInteger SEQ = new AtomicInteger();
  static Path layer;
  static BundleStore bundles;
  static Map<String, ConmonMonitor> monitors;
  final List<String> created = new ArrayList<>();

  @BeforeAll
  static void setUp() throws Exception {
    unmountLeftovers(HOME); // a crashed earlier run must not make the delete reach into mounts
    Trees.deleteRecursively(HOME);
    Path tar = BusyboxRootfs.tar();
    SnapshotStore snapshots = new SnapshotStore(HOME.resolve("snapshots"), new LayerUnpacker());
    layer = snapshots.ensure(BusyboxRootfs.diffId(tar), () -> Files.newInputStream(tar));
    bundles = new BundleStore(HOME.resolve("bundles"), SpecBuilder.forThisHost());
    Path conmon = ConmonMonitor.DEFAULT_CONMON;
    monitors =
        Map.of(
            "runc",
            new ConmonMonitor(conmon, new RuncRuntime(RuncRuntime.DEFAULT_BINARY, HOME.resolve("runtime/runc")), HOME.resolve("run/runc")),
            "crun",
            new ConmonMonitor(conmon, CrunRuntime.withoutUnifiedMount(CrunRuntime.DEFAULT_BINARY, HOME.resolve("runtime/crun")), HOME.resolve("run/crun")));
  }

  static void unmountLeftovers(Path home) throws Exception {
    for (String line : Files.readAllLines(Path.of("/proc/self/mountinfo"))) {
      String mountPoint = line.split(" ")[4];
      if (mountPoint.startsWith(home + "/")) {
        OverlayMount.unmount(Path.of(mountPoint));
      }
    }
  }

  @AfterAll
  static void tearDown() throws Exception {
    for (ConmonMonitor m : monitors.values()) {
      m.close();
    }
  }

  /** Creates a bundle and starts it; returns [bundle, pid]. */
  Object[] start(String runtime, String user, String... args) throws Exception {
    String id = runtime + "-t" + SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid();
    created.add(runtime + ":" + id);
    Bundle b =
        bundles.create(
            id, List.of(layer), new SpecBuilder.ContainerProcess(List.of(args), List.of("GREETING=hi"), "/", user, "box"));
    int pid = monitors.get(runtime).start(id, b.dir(), b.log());
    return new Object[] {b, pid};
  }

  Bundle start(String runtime, SpecBuilder.ContainerProcess process) throws Exception {
    String id = runtime + "-t" + SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid();
    created.add(runtime + ":" + id);
    Bundle b = bundles.create(id, List.of(layer), process);
    monitors.get(runtime).start(id, b.dir(), b.log());
    return b;
  }

  static SpecBuilder.ContainerProcess limited(ContainerResources r, ContainerSecurity s, String... args) {
    return new SpecBuilder.ContainerProcess(List.of(args), List.of(), "/", "", "box", r, s);
  }

  static ContainerResources memory(long bytes) {
    return new ContainerResources(bytes, bytes, null, null, null, null, null, null, null, null, null);
  }

  String output(Bundle b) throws Exception {
    StringBuilder out = new StringBuilder();
    for (LogEntry e : log(b)) {
      out.append(e.line()).append('\n');
    }
    return out.toString();
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void outOfMemoryIsKilledAndSeenInTheCgroup(String runtime) throws Exception {
    Bundle b = start(runtime, limited(memory(16L << 20), null,
        "sh", "-c", "x=$(head -c 67108864 /dev/zero | tr '\\0' a); echo survived"));
    assertEquals(137, exit(runtime, b));
    assertTrue(new MemoryCgroup(MemoryCgroup.DEFAULT_ROOT).oomKilled(b.containerId()), "OOM kill counted");
    assertFalse(output(b).contains("survived"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void limitsReachCgroupsRlimitsAndShm(String runtime) throws Exception {
    ContainerResources r = new ContainerResources(64L << 20, -1L, null, 500_000_000L, 512L, null, null, "0", 20L,
        List.of(new ContainerResources.Ulimit("nofile", 30000, 30000), new ContainerResources.Ulimit("nproc", 100, 200)),
        8L << 20);
    Bundle b = start(runtime, limited(r, null, "sh", "-c",
        "ulimit -n; ulimit -Hn; ulimit -u; df -k /dev/shm | tail -1; for i in $(seq 30); do sleep 5 & done; wait"));
    String id = b.containerId();
    exit(runtime, b); // the fork loop fails at the pids limit; the cgroup stays until delete
    Path cg = Path.of("/sys/fs/cgroup");
    assertEquals(String.valueOf(64L << 20), Files.readString(cg.resolve("memory/berth/" + id + "/memory.limit_in_bytes")).trim());
    assertEquals("50000", Files.readString(cg.resolve("cpu/berth/" + id + "/cpu.cfs_quota_us")).trim());
    assertEquals("512", Files.readString(cg.resolve("cpu/berth/" + id + "/cpu.shares")).trim());
    assertEquals("0", Files.readString(cg.resolve("cpuset/berth/" + id + "/cpuset.cpus")).trim());
    assertEquals("20", Files.readString(cg.resolve("pids/berth/" + id + "/pids.max")).trim());
    String[] lines = output(b).split("\n");
    assertEquals("20000", lines[0], "nofile clamped to the host's hard limit");
    assertEquals("20000", lines[1]);
    assertEquals("100", lines[2]);
    assertTrue(lines[3].matches("shm\\s+8192\\s.*"), lines[3]);
    assertTrue(output(b).contains("can't fork"), "pids limit stopped the fork loop: " + output(b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void securityOptionsApply(String runtime) throws Exception {
    ContainerSecurity dropChown = new ContainerSecurity(false, List.of(), List.of("CAP_CHOWN"), true, true, null,
        Map.of("/scratch", "size=1m"), false);
    Bundle b = start(runtime, limited(null, dropChown, "sh", "-c",
        "touch /x 2>/dev/null && echo rootfs-writable; echo hi > /scratch/f && echo tmpfs-ok;"
            + " chown 1:1 /scratch/f 2>/dev/null || echo chown-denied; grep NoNewPrivs /proc/self/status;"
            + " mkdir -p /m; mount -t tmpfs none /m 2>/dev/null || echo mount-denied"));
    assertEquals(0, exit(runtime, b));
    String out = output(b);
    assertFalse(out.contains("rootfs-writable"), out);
    assertTrue(out.contains("tmpfs-ok"), out);
    assertTrue(out.contains("chown-denied"), out);
    assertTrue(out.matches("(?s).*NoNewPrivs:\\s+1.*"), out);
    assertTrue(out.contains("mount-denied"), out);

    ContainerSecurity privileged = new ContainerSecurity(true, List.of(), List.of(), false, false, null, Map.of(), false);
    Bundle p = start(runtime, limited(null, privileged, "sh", "-c",
        "mkdir -p /m; mount -t tmpfs none /m && echo mounted; ls /dev/loop0 && echo has-devices; grep CapEff /proc/self/status"));
    assertEquals(0, exit(runtime, p));
    String pout = output(p);
    assertTrue(pout.contains("mounted"), pout);
    assertTrue(pout.contains("has-devices"), pout);
  }

  int exit(String runtime, Bundle b) throws Exception {
    return monitors.get(runtime).onExit(b.containerId()).get(10, TimeUnit.SECONDS);
  }

  List<LogEntry> log(Bundle b) throws Exception {
    return LogReader.readAll(b.log());
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void pauseFreezesResumeThawsAndUpdateChangesTheLimit(String runtime) throws Exception {
    Bundle b = start(runtime, limited(memory(32L << 20), null, "sleep", "300"));
    io.berth.node.oci.OciRuntime oci = runtime.equals("runc")
        ? new RuncRuntime(RuncRuntime.DEFAULT_BINARY, HOME.resolve("runtime/runc"))
        : CrunRuntime.withoutUnifiedMount(CrunRuntime.DEFAULT_BINARY, HOME.resolve("runtime/crun"));
    Path cgroup = Path.of("/sys/fs/cgroup");
    Path freezer = cgroup.resolve("freezer").resolve(MemoryCgroup.pathOf(b.containerId()).substring(1)).resolve("freezer.state");
    oci.pause(b.containerId());
    assertEquals("FROZEN", Files.readString(freezer).trim());
    assertEquals("paused", oci.state(b.containerId()).orElseThrow().status());
    oci.resume(b.containerId());
    assertEquals("THAWED", Files.readString(freezer).trim());

    Path file = HOME.resolve("update-" + b.containerId() + ".json");
    io.berth.node.oci.ResourceUpdates.write(
        new ContainerResources(64L << 20, null, null, null, null, null, null, null, 20L, null, null), file);
    oci.update(b.containerId(), file);
    Path memoryDir = cgroup.resolve("memory").resolve(MemoryCgroup.pathOf(b.containerId()).substring(1));
    assertEquals(String.valueOf(64L << 20), Files.readString(memoryDir.resolve("memory.limit_in_bytes")).trim());
    assertEquals("20", Files.readString(cgroup.resolve("pids").resolve(MemoryCgroup.pathOf(b.containerId()).substring(1))
        .resolve("pids.max")).trim());
  }

  /** Starts an interactive task, connected to its monitor between creation and start. */
  SeqPacketSocket startAttached(Bundle[] bundle, ProcessStdio stdio, String... args) throws Exception {
    String id = "runc-i" + SEQ.incrementAndGet() + "-" + ProcessHandle.current().pid();
    created.add("runc:" + id);
    Bundle b = bundles.create(id, List.of(layer),
        new SpecBuilder.ContainerProcess(List.of(args), List.of(), "/", "", "box", null, null, List.of(), stdio));
    bundle[0] = b;
    SeqPacketSocket[] socket = new SeqPacketSocket[1];
    monitors.get("runc").start(id, b.dir(), b.log(), stdio, () -> {
      try {
        socket[0] = AttachPoint.of(b.dir()).connect();
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return socket[0];
  }

  /** What the monitor sends until {@code expected} was seen (or the end), by conmon pipe. */
  static String readUntil(SeqPacketSocket s, int pipe, String expected) throws Exception {
    StringBuilder seen = new StringBuilder();
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (!seen.toString().contains(expected) && System.nanoTime() < deadline) {
      byte[] packet = s.read(100);
      if (packet == null) {
        break;
      }
      if (packet.length > 1 && packet[0] == pipe) {
        seen.append(new String(packet, 1, packet.length - 1, java.nio.charset.StandardCharsets.UTF_8));
      }
    }
    return seen.toString();
  }

  @org.junit.jupiter.api.Test
  void aTerminalTaskIsTypedIntoAndResizedThroughItsMonitor() throws Exception {
    Bundle[] b = new Bundle[1];
    try (SeqPacketSocket s = startAttached(b, new ProcessStdio(true, true, true, 33, 77), "sh")) {
      assertTrue(readUntil(s, AttachPoint.STDOUT_PIPE, "# ").contains("# "), "the first prompt is seen");
      s.write("stty size; tty\n".getBytes());
      String out = readUntil(s, AttachPoint.STDOUT_PIPE, "/dev/pts/");
      assertTrue(out.contains("33 77\r\n"), "the size given at create: " + out);
      assertTrue(out.contains("/dev/pts/"), out);
      AttachPoint.of(b[0].dir()).resize(50, 120);
      s.write("stty size\n".getBytes());
      assertTrue(readUntil(s, AttachPoint.STDOUT_PIPE, "50 120").contains("50 120"), "resized through ctl");
      s.write("exit 3\n".getBytes());
    }
    assertEquals(3, exit("runc", b[0]));
  }

  @org.junit.jupiter.api.Test
  void stdinOnceEndsWithTheClientsInputAndOutputStaysApart() throws Exception {
    Bundle[] b = new Bundle[1];
    try (SeqPacketSocket s = startAttached(b, new ProcessStdio(false, true, true, 0, 0),
        "sh", "-c", "cat; echo input-closed >&2")) {
      s.write("hi\n".getBytes());
      s.shutdownOutput();
      assertEquals("hi\n", readUntil(s, AttachPoint.STDOUT_PIPE, "hi\n"));
      assertEquals("input-closed\n", readUntil(s, AttachPoint.STDERR_PIPE, "input-closed\n"));
    }
    assertEquals(0, exit("runc", b[0]));
  }

  @AfterEach
  void cleanUp() throws Exception {
    for (String entry : created) {
      String runtime = entry.substring(0, entry.indexOf(':'));
      String id = entry.substring(entry.indexOf(':') + 1);
      monitors.get(runtime).delete(id);
      bundles.remove(id);
      assertFalse(Files.exists(bundles.bundle(id).dir()), "bundle removed");
      assertFalse(OverlayMount.isMounted(bundles.bundle(id).rootfs()), "rootfs unmounted");
      assertTrue(monitors.get(runtime).runtime().state(id).isEmpty(), "runtime forgot " + id);
      assertTrue(conmonPids(id).isEmpty(), "no conmon left for " + id);
    }
  }

  static List<Long> conmonPids(String id) {
    return ProcessHandle.allProcesses()
        .filter(p -> p.info().commandLine().map(c -> c.contains("conmon") && c.contains(" -c " + id + " ")).orElse(false))
        .map(ProcessHandle::pid)
        .toList();
  }

  @Test
  void crunCompilesASeccompProfileOnceAndLaterContainersStayFiltered() throws Exception {
    Bundle first = (Bundle) start("crun", "", "sh", "-c", "grep Seccomp /proc/self/status")[0];
    assertEquals(0, exit("crun", first));
    byte[] compiled = Files.readAllBytes(HOME.resolve("runtime/crun").resolve(first.containerId()).resolve("seccomp.bpf"));

    Bundle second = (Bundle) start("crun", "", "sh", "-c", "grep Seccomp /proc/self/status")[0];
    assertEquals(0, exit("crun", second));
    var annotations = new com.fasterxml.jackson.databind.ObjectMapper()
        .readTree(second.dir().resolve("config.json").toFile()).path("annotations");
    assertTrue(annotations.has("run.oci.seccomp_bpf_data"), "the second spec carries the compiled program");
    assertArrayEquals(compiled, java.util.Base64.getDecoder().decode(annotations.get("run.oci.seccomp_bpf_data").asText()),
        "the program crun compiled for the same profile");
    for (Bundle b : List.of(first, second)) {
      String out = output(b);
      assertTrue(out.matches("(?s).*Seccomp:\\s+2.*"), "filter mode: " + out);
      assertTrue(out.matches("(?s).*Seccomp_filters:\\s+1.*"), "one filter: " + out);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void echoHello(String runtime) throws Exception {
    Bundle b = (Bundle) start(runtime, "", "echo", "hello")[0];
    assertEquals(0, exit(runtime, b));
    List<LogEntry> log = log(b);
    assertEquals(1, log.size(), log.toString());
    assertEquals(LogEntry.Stream.STDOUT, log.get(0).stream());
    assertEquals("hello", log.get(0).line());
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void stderrAndExitCode(String runtime) throws Exception {
    Bundle b = (Bundle) start(runtime, "", "sh", "-c", "echo err >&2; exit 7")[0];
    assertEquals(7, exit(runtime, b));
    assertEquals(List.of(LogEntry.Stream.STDERR), log(b).stream().map(LogEntry::stream).toList());
    assertEquals("err", log(b).get(0).line());
    assertEquals(7, monitors.get(runtime).exitStatus(b.containerId()).getAsInt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void sigtermHandledByTheTaskGives143(String runtime) throws Exception {
    Bundle b = (Bundle) start(runtime, "", "sh", "-c", "trap 'exit 143' TERM; sleep 300 & wait")[0];
    Thread.sleep(200); // let sh install its trap
    monitors.get(runtime).kill(b.containerId(), 15);
    assertEquals(143, exit(runtime, b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void signalledTaskExitsWith128PlusSignal(String runtime) throws Exception {
    Object[] started = start(runtime, "", "sleep", "300");
    Bundle b = (Bundle) started[0];
    // PID 1 of a namespace ignores SIGTERM without a handler (as under Docker without --init).
    monitors.get(runtime).kill(b.containerId(), 15);
    Thread.sleep(200);
    assertTrue(monitors.get(runtime).exitStatus(b.containerId()).isEmpty(), "still running");
    monitors.get(runtime).kill(b.containerId(), 9);
    assertEquals(137, exit(runtime, b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void ownNamespaces(String runtime) throws Exception {
    Object[] started = start(runtime, "", "sleep", "300");
    Bundle b = (Bundle) started[0];
    int pid = (int) started[1];
    for (String ns : List.of("pid", "mnt", "uts", "ipc", "net")) {
      assertNotEquals(
          Files.readSymbolicLink(Path.of("/proc/self/ns/" + ns)),
          Files.readSymbolicLink(Path.of("/proc/" + pid + "/ns/" + ns)),
          ns);
    }
    monitors.get(runtime).kill(b.containerId(), 9);
    assertEquals(137, exit(runtime, b));
  }

  @ParameterizedTest
  @ValueSource(strings = {"runc", "crun"})
  void loopbackUpUserHostnameAndEnv(String runtime) throws Exception {
    Bundle b =
        (Bundle)
            start(runtime, "app", "sh", "-c",
                "ls /sys/class/net; cat /sys/class/net/lo/flags; id; hostname; echo $GREETING $HOME; "
                    + "touch /written 2>/dev/null && echo rw; exit 0")[0];
    assertEquals(0, exit(runtime, b));
    List<String> lines = log(b).stream().map(LogEntry::line).toList();
    assertEquals("lo", lines.get(0), lines.toString());
    assertEquals("0x9", lines.get(1), "IFF_UP|IFF_LOOPBACK: " + lines);
    assertEquals("uid=1000(app) gid=1000(app) groups=50(staff)", lines.get(2));
    assertEquals("box", lines.get(3));
    assertEquals("hi /home/app", lines.get(4));
    // app may not write to /, and root-owned files stay root-owned in the overlay.
    assertFalse(lines.contains("rw"), lines.toString());
  }
}
