package io.berth.node.agent;

import io.berth.node.volume.VolumeStore;
import io.berth.node.bundle.BundleStore;
import io.berth.node.image.ContentStore;
import io.berth.node.image.ImagePuller;
import io.berth.node.image.RegistryClient;
import io.berth.node.oci.CrunRuntime;
import io.berth.node.oci.HybridCgroups;
import io.berth.node.oci.OciRuntime;
import io.berth.node.oci.RuncRuntime;
import io.berth.node.oci.RuntimeDetector;
import io.berth.node.oci.SpecBuilder;
import io.berth.node.snapshot.LayerUnpacker;
import io.berth.node.snapshot.SnapshotStore;
import io.berth.node.task.ConmonMonitor;
import io.berth.node.task.LogRotator;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Wires the node's plain building blocks (snapshots, bundles, the OCI runtime and the monitor)
 * under {@code $BERTH_HOME/node}. The OCI runtime is chosen once at start-up by actually running
 * a container with each candidate, faster first (crun, then runc).
 */
public class NodeRuntimeProducers {

  @Produces
  @Singleton
  SpecBuilder specs(VolumeStore volumes) {
    return io(() -> SpecBuilder.forThisHost().withMountSources(volumes));
  }

  @Produces
  @Singleton
  VolumeStore volumes(NodeIdentity node) {
    return io(() -> new VolumeStore(node.stateDir().resolve("volumes")));
  }

  // @Startup: probe the runtimes while the node starts, not on the first docker run.
  @Produces
  @Singleton
  @Startup
  OciRuntime runtime(
      NodeIdentity node,
      SpecBuilder specs,
      @ConfigProperty(name = "berth.node.runtimes", defaultValue = "crun,runc") List<String> preferred,
      @ConfigProperty(name = "berth.node.busybox", defaultValue = "/bin/busybox") String busybox,
      @ConfigProperty(name = "berth.node.cgroup.bind-hybrid-controllers", defaultValue = "true") boolean bindHybridControllers) {
    return io(() -> {
      Path state = node.stateDir().resolve("runtime");
      List<OciRuntime> candidates = new ArrayList<>();
      for (String name : preferred) {
        if (name.equals("crun") && Files.isExecutable(CrunRuntime.DEFAULT_BINARY)) {
          HybridCgroups hybrid = new HybridCgroups(HybridCgroups.DEFAULT_ROOT);
          if (bindHybridControllers && !hybrid.unifiedControllers().isEmpty()) {
            hybrid.bindToV1();
          }
          if (hybrid.unifiedControllers().isEmpty()) {
            candidates.add(CrunRuntime.direct(CrunRuntime.DEFAULT_BINARY, state.resolve("crun")));
          }
          candidates.add(CrunRuntime.withoutUnifiedMount(CrunRuntime.DEFAULT_BINARY, state.resolve("crun")));
        } else if (name.equals("runc") && Files.isExecutable(RuncRuntime.DEFAULT_BINARY)) {
          candidates.add(new RuncRuntime(RuncRuntime.DEFAULT_BINARY, state.resolve("runc")));
        }
      }
      return new RuntimeDetector(Path.of(busybox), state.resolve("probe"), specs).detect(candidates).runtime();
    });
  }

  @Produces
  @Singleton
  ConmonMonitor monitor(NodeIdentity node, OciRuntime runtime) {
    return io(() -> new ConmonMonitor(ConmonMonitor.DEFAULT_CONMON, runtime, node.stateDir().resolve("monitor")));
  }

  void closeMonitor(@Disposes ConmonMonitor monitor) throws IOException {
    monitor.close();
  }

  @Produces
  @Singleton
  BundleStore bundles(NodeIdentity node, SpecBuilder specs) {
    return io(() -> new BundleStore(node.stateDir().resolve("bundles"), specs));
  }

  // Eager: logs are rotated from start-up on, also those of containers an earlier node-runtime started.
  @Produces
  @Singleton
  @Startup
  LogRotator logRotator(NodeIdentity node) {
    return new LogRotator(node.stateDir().resolve("bundles")).start();
  }

  void closeLogRotator(@Disposes LogRotator rotator) {
    rotator.close();
  }

  @Produces
  @Singleton
  TaskRunner tasks(BundleStore bundles, ConmonMonitor monitor, OciRuntime runtime) {
    return new TaskRunner(bundles, monitor, runtime);
  }

  @Produces
  @Singleton
  ImagePuller images(NodeIdentity node) {
    return io(() -> new ImagePuller(
        new RegistryClient(),
        new ContentStore(node.stateDir().resolve("content")),
        new SnapshotStore(node.stateDir().resolve("snapshots"), new LayerUnpacker())));
  }

  private interface IoSupplier<T> {
    T get() throws IOException;
  }

  private static <T> T io(IoSupplier<T> supplier) {
    try {
      return supplier.get();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
