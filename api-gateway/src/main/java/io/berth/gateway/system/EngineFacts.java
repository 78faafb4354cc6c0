package io.berth.gateway.system;

import io.berth.gateway.api.ApiVersion;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Answers /version and /info: the build's and host's facts plus live counts. */
@ApplicationScoped
public class EngineFacts {

  private final BerthBuild build;
  private final EngineCounts counts;
  private final Path berthHome;
  private final HostFacts host;
  private final String engineId;

  @Inject
  public EngineFacts(
      BerthBuild build, EngineCounts counts, @ConfigProperty(name = "berth.home") Path berthHome) {
    this.build = build;
    this.counts = counts;
    this.berthHome = berthHome.toAbsolutePath().normalize();
    this.host = HostFacts.read(Path.of("/"));
    this.engineId = EngineId.loadOrCreate(this.berthHome);
  }

  /** GET /version, shaped like dockerd's; Platform.Name is what `docker version` prints. */
  public JsonObject version() {
    JsonObject details =
        new JsonObject()
            .put("ApiVersion", ApiVersion.MAX.text())
            .put("Arch", host.goArch())
            .put("BuildTime", build.buildTime())
            .put("Experimental", "false")
            .put("GitCommit", build.gitCommit())
            .put("GoVersion", javaVersion())
            .put("KernelVersion", host.kernelVersion())
            .put("MinAPIVersion", ApiVersion.MIN.text())
            .put("Os", "linux");
    return new JsonObject()
        .put("Platform", new JsonObject().put("Name", "Berth"))
        .put(
            "Components",
            new JsonArray()
                .add(
                    new JsonObject()
                        .put("Name", "Engine")
                        .put("Version", build.version())
                        .put("Details", details)))
        .put("Version", build.version())
        .put("ApiVersion", ApiVersion.MAX.text())
        .put("MinAPIVersion", ApiVersion.MIN.text())
        .put("GitCommit", build.gitCommit())
        .put("GoVersion", javaVersion())
        .put("Os", "linux")
        .put("Arch", host.goArch())
        .put("KernelVersion", host.kernelVersion())
        .put("BuildTime", build.buildTime());
  }

  /** GET /info; the /proc reads run on a worker thread, never on the event loop. */
  public Uni<JsonObject> info() {
    return counts
        .counts()
        .flatMap(
            c ->
                Uni.createFrom()
                    .item(
                        () ->
                            EngineInfo.build(
                                engineId,
                                berthHome.toString(),
                                build.version(),
                                host,
                                new EngineInfo.Live(
                                    c,
                                    Instant.now(),
                                    openFds(),
                                    Thread.activeCount(),
                                    ipv4Forwarding())))
                    .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()));
  }

  /** dockerd's GoVersion field; the JVM is what runs Berth. */
  private static String javaVersion() {
    return "java" + Runtime.version();
  }

  private static int openFds() {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return (int) fds.count();
    } catch (IOException e) {
      return 0;
    }
  }

  private static boolean ipv4Forwarding() {
    try {
      return Files.readString(Path.of("/proc/sys/net/ipv4/ip_forward")).trim().equals("1");
    } catch (IOException e) {
      return false;
    }
  }
}
