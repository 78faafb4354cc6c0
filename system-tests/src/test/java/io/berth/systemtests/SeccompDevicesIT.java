package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Docker's default seccomp profile, custom profiles, --device and json-file log rotation, via the stock CLI. */
class SeccompDevicesIT {
  static final Path WORK = BerthStack.HOME.getParent().resolve("seccomp-devices");

  @BeforeAll
  static void busyboxImage() throws Exception {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
            List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString()))
        .assertOk();
    BerthStack.docker("import", tar.toString(), "busybox").assertOk();
    Files.createDirectories(WORK);
  }

  static String all(Shell.Result r) {
    return r.stdout() + r.stderr();
  }

  @Test
  void everyContainerIsFilteredUnlessPrivilegedOrUnconfined() {
    assertEquals("Seccomp:\t2\n", seccompOf().stdout());
    assertEquals("Seccomp:\t0\n", seccompOf("--security-opt", "seccomp=unconfined").stdout());
    assertEquals("Seccomp:\t0\n", seccompOf("--privileged").stdout());
    assertEquals("Seccomp:\t2\n", seccompOf("--security-opt", "seccomp=builtin").stdout());
  }

  private static Shell.Result seccompOf(String... options) {
    List<String> args = new java.util.ArrayList<>(List.of("run", "--rm"));
    args.addAll(List.of(options));
    args.addAll(List.of("busybox", "grep", "^Seccomp:", "/proc/self/status"));
    return BerthStack.docker(args.toArray(String[]::new)).assertOk();
  }

  @Test
  void theDefaultProfileForbidsWhatCapabilitiesAloneWouldAllow() {
    // A user namespace needs no capability at all; Docker's profile still refuses unshare(2).
    Shell.Result filtered = BerthStack.docker("run", "--rm", "busybox", "unshare", "-U", "true");
    assertNotEquals(0, filtered.exitCode(), all(filtered));
    assertTrue(filtered.stderr().contains("Operation not permitted"), filtered.stderr());
    Shell.Result unconfined = BerthStack.docker("run", "--rm", "--security-opt", "seccomp=unconfined",
        "busybox", "unshare", "-U", "true");
    assertEquals(0, unconfined.exitCode(), all(unconfined));
    // Ordinary work is untouched: processes, files, pipes, /proc.
    Shell.Result ordinary = BerthStack.docker("run", "--rm", "busybox", "sh", "-c",
        "mkdir -p /tmp/d && echo hi > /tmp/d/f && cat /tmp/d/f | tr a-z A-Z && (sleep 0; echo child) && ps > /dev/null && echo done");
    assertEquals("HI\nchild\ndone\n", ordinary.stdout(), ordinary.stderr());
  }

  @Test
  void aCustomProfileFileIsApplied() throws Exception {
    Path profile = WORK.resolve("no-mkdir.json");
    Files.writeString(profile, """
        {
          "defaultAction": "SCMP_ACT_ALLOW",
          "syscalls": [
            {"names": ["mkdir", "mkdirat"], "action": "SCMP_ACT_ERRNO", "errnoRet": 1}
          ]
        }
        """);
    Shell.Result denied = BerthStack.docker("run", "--rm", "--security-opt", "seccomp=" + profile, "busybox",
        "sh", "-c", "touch /file && echo touched; mkdir /x");
    assertNotEquals(0, denied.exitCode(), all(denied));
    assertEquals("touched\n", denied.stdout());
    assertTrue(denied.stderr().contains("Operation not permitted"), denied.stderr());

    Path bad = WORK.resolve("bad-action.json");
    Files.writeString(bad, "{\"defaultAction\": \"SCMP_ACT_SOMETIMES\"}");
    int before = containerCount();
    Shell.Result refused = BerthStack.docker("create", "--security-opt", "seccomp=" + bad, "busybox", "true");
    assertNotEquals(0, refused.exitCode());
    assertTrue(refused.stderr().contains("invalid seccomp profile: defaultAction: unknown action \"SCMP_ACT_SOMETIMES\""),
        refused.stderr());
    assertEquals(before, containerCount(), "nothing created");
  }

  private static int containerCount() {
    return (int) BerthStack.docker("ps", "-aq").assertOk().stdout().lines().count();
  }

  @Test
  void aHostDeviceAppearsWhereAskedAndIsUsable() {
    Shell.Result r = BerthStack.docker("run", "--rm", "--device", "/dev/null:/dev/mynull", "busybox", "sh", "-c",
        "echo gone > /dev/mynull && echo written; ls -l /dev/mynull");
    assertEquals(0, r.exitCode(), all(r));
    assertTrue(r.stdout().startsWith("written\ncrw"), r.stdout());
    assertTrue(r.stdout().matches("(?s).*\\b1,\\s+3\\b.*/dev/mynull\\n"), r.stdout());
    // Not a device the runtime allows anyway (null, zero, ...): the cgroup rule alone decides.
    Shell.Result readOnly = BerthStack.docker("run", "--rm", "--device", "/dev/loop0:/dev/b:r", "busybox", "sh", "-c",
        "cat /dev/b | wc -c; echo x > /dev/b || echo refused");
    assertEquals("0\nrefused\n", readOnly.stdout(), readOnly.stderr());
    assertTrue(readOnly.stderr().contains("Operation not permitted"), readOnly.stderr());

    Shell.Result missing = BerthStack.docker("run", "--rm", "--device", "/dev/berth-no-such-device", "busybox", "true");
    assertNotEquals(0, missing.exitCode());
    assertTrue(missing.stderr().contains(
        "error gathering device information while adding custom device \"/dev/berth-no-such-device\": no such file or directory"),
        missing.stderr());
  }

  @Test
  void logsAreRotatedAndDockerLogsReadsAcrossTheFilesInOrder() throws Exception {
    // 40 bursts of 50 numbered lines (~100 KiB of log records) with pauses, so rotations happen in between.
    String id = BerthStack.docker("run", "-d", "--log-opt", "max-size=10k", "--log-opt", "max-file=3", "busybox",
        "sh", "-c", "i=0; while [ $i -lt 2000 ]; do echo line-$i; i=$((i+1)); [ $((i % 50)) -eq 0 ] && sleep 0.1; done; echo end")
        .assertOk().stdout().trim();
    try {
      assertEquals("0", BerthStack.docker("wait", id).assertOk().stdout().trim());
      Path bundle = BerthStack.HOME.resolve("node/bundles/" + id);
      Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logFiles(bundle).size() >= 2);
      List<String> files = logFiles(bundle);
      assertTrue(files.size() <= 3, "at most max-file files: " + files);

      List<String> lines = BerthStack.docker("logs", id).assertOk().stdout().lines().toList();
      assertEquals("end", lines.get(lines.size() - 1));
      int first = Integer.parseInt(lines.get(0).substring("line-".length()));
      assertTrue(first > 0, "the oldest output was rotated away: " + lines.get(0));
      for (int i = 0; i < lines.size() - 1; i++) {
        assertEquals("line-" + (first + i), lines.get(i), "in order, nothing missing between rotations");
      }
      assertEquals(2000 - first + 1, lines.size());
      assertEquals(List.of("line-1998", "line-1999", "end"),
          BerthStack.docker("logs", "--tail", "3", id).assertOk().stdout().lines().toList());
    } finally {
      BerthStack.docker("rm", "-f", id).assertOk();
    }
  }

  @Test
  void oneFileIsCutAtMaxSizeAndUnknownLogSettingsAreRefused() throws Exception {
    String id = BerthStack.docker("run", "-d", "--log-opt", "max-size=4k", "busybox",
        "sh", "-c", "i=0; while [ $i -lt 1000 ]; do echo line-$i; i=$((i+1)); done").assertOk().stdout().trim();
    try {
      assertEquals("0", BerthStack.docker("wait", id).assertOk().stdout().trim());
      Path bundle = BerthStack.HOME.resolve("node/bundles/" + id);
      assertEquals(List.of("container.log"), logFiles(bundle));
      assertTrue(Files.size(bundle.resolve("container.log")) <= 4096, "cut at max-size");
      String logs = BerthStack.docker("logs", id).assertOk().stdout();
      assertTrue(logs.endsWith("line-999\n") && !logs.startsWith("line-0\n"), logs);
    } finally {
      BerthStack.docker("rm", "-f", id).assertOk();
    }
    Shell.Result driver = BerthStack.docker("create", "--log-driver", "syslog", "busybox", "true");
    assertNotEquals(0, driver.exitCode());
    assertTrue(driver.stderr().contains("no log driver named 'syslog'"), driver.stderr());
    Shell.Result option = BerthStack.docker("create", "--log-opt", "max-sise=1k", "busybox", "true");
    assertNotEquals(0, option.exitCode());
    assertTrue(option.stderr().contains("unknown log opt 'max-sise' for json-file log driver"), option.stderr());
  }

  private static List<String> logFiles(Path bundle) throws java.io.IOException {
    try (Stream<Path> files = Files.list(bundle)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("container.log")).sorted().toList();
    }
  }
}
