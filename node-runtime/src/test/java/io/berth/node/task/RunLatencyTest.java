package io.berth.node.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.node.bundle.Bundle;
import io.berth.node.bundle.BundleStore;
import io.berth.node.oci.CrunRuntime;
import io.berth.node.oci.OciRuntime;
import io.berth.node.oci.RuncRuntime;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.snapshot.LayerUnpacker;
import io.berth.node.snapshot.SnapshotStore;
import io.berth.node.snapshot.Trees;
import io.berth.node.testing.BusyboxRootfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Measures {@code docker run --rm busybox true}-like latency through conmon with each runtime
 * against a bare {@code <runtime> run} of the same bundle, and prints medians.
 */
@Tag("privileged")
class RunLatencyTest {
  static final Path HOME = Path.of("target", "berth-home-latency").toAbsolutePath();
  static final int ROUNDS = 15;

  @Test
  void measure() throws Exception {
    ContainerLifecycleTest.unmountLeftovers(HOME);
    Trees.deleteRecursively(HOME);
    Path tar = BusyboxRootfs.tar();
    Path layer =
        new SnapshotStore(HOME.resolve("snapshots"), new LayerUnpacker())
            .ensure(BusyboxRootfs.diffId(tar), () -> Files.newInputStream(tar));
    BundleStore bundles = new BundleStore(HOME.resolve("bundles"), SpecBuilder.forThisHost());
    for (OciRuntime runtime :
        List.of(
            new RuncRuntime(RuncRuntime.DEFAULT_BINARY, HOME.resolve("runtime/runc")),
            new CrunRuntime(CrunRuntime.DEFAULT_BINARY, HOME.resolve("runtime/crun")))) {
      try (ConmonMonitor monitor = new ConmonMonitor(ConmonMonitor.DEFAULT_CONMON, runtime, HOME.resolve("run"))) {
        double[] toRunning = new double[ROUNDS];
        double[] total = new double[ROUNDS];
        double[] bare = new double[ROUNDS];
        double[] bundle = new double[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
          String id = runtime.name() + "-lat-" + i;
          long t0 = System.nanoTime();
          Bundle b = bundles.create(id, List.of(layer), new SpecBuilder.ContainerProcess(List.of("true"), List.of(), "/", "", id));
          long t1 = System.nanoTime();
          monitor.start(id, b.dir(), b.log());
          long t2 = System.nanoTime();
          assertEquals(0, monitor.onExit(id).get(10, TimeUnit.SECONDS));
          monitor.delete(id);
          long t3 = System.nanoTime();
          String bareId = id + "-bare";
          runtime.run(bareId, b.dir());
          long t4 = System.nanoTime();
          runtime.delete(bareId, true);
          bundles.remove(id);
          bundle[i] = (t1 - t0) / 1e6;
          toRunning[i] = (t2 - t1) / 1e6;
          total[i] = (t3 - t1) / 1e6;
          bare[i] = (t4 - t3) / 1e6;
        }
        System.out.printf(
            "LATENCY %s: bundle(overlay+config) %.1f ms, start() until running %.1f ms,"
                + " create+start+exit+delete %.1f ms, bare '%s run' %.1f ms (medians of %d)%n",
            runtime.name(), median(bundle), median(toRunning), median(total), runtime.name(), median(bare), ROUNDS);
        assertTrue(median(total) < 2000, "sane");
      }
    }
  }

  static double median(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s[s.length / 2];
  }
}
