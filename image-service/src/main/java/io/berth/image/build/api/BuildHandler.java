package io.berth.image.build.api;

import io.berth.common.error.InvalidArgumentException;
import io.berth.dockerfile.DockerIgnore;
import io.berth.dockerfile.Dockerfile;
import io.berth.dockerfile.DockerfileException;
import io.berth.dockerfile.Stage;
import io.berth.image.build.BuildClock;
import io.berth.image.build.context.BuildContext;
import io.berth.image.build.context.ContextPaths;
import io.berth.image.build.engine.BuildRequest;
import io.berth.image.build.engine.Builder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * {@code POST /build}: receives the context (see {@link BuildContext}), reads the Dockerfile and
 * .dockerignore and picks the stages (errors so far are plain HTTP errors, as dockerd answers them before any output), then
 * streams the build. The context lives in a private directory removed when the build ends.
 */
@ApplicationScoped
public class BuildHandler {
  private static final Logger LOG = Logger.getLogger(BuildHandler.class);
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Builder builder;
  private final Path workDir;
  private final long contextInMemory;

  /** @param contextInMemory the largest context (bytes as sent) held in memory rather than extracted at once */
  public BuildHandler(Builder builder,
      @ConfigProperty(name = "berth.build.work-dir") String workDir,
      @ConfigProperty(name = "berth.build.context-in-memory", defaultValue = "16777216") long contextInMemory) {
    this.builder = builder;
    this.workDir = Path.of(workDir);
    this.contextInMemory = contextInMemory;
  }

  public Response start(BuildRequest req, InputStream body) throws IOException {
    BuildClock clock = new BuildClock(req.buildId());
    Files.createDirectories(workDir);
    Path dir = Files.createTempDirectory(workDir, "build-");
    boolean handedOver = false;
    try {
      Path scratch = Files.createDirectory(dir.resolve("scratch"));
      BuildContext context = BuildContext.receive(body, dir.resolve("context"), contextInMemory,
          Set.of(ContextPaths.clean(req.dockerfile()), ".dockerignore"));
      clock.lap("context received");
      Dockerfile dockerfile = dockerfile(context, req.dockerfile());
      DockerIgnore ignore = dockerIgnore(context);
      clock.lap("dockerfile parsed");
      List<Stage> stages;
      try {
        stages = Builder.stages(dockerfile, req);
      } catch (DockerfileException e) {
        throw new InvalidArgumentException(e.getMessage());
      }
      StreamingOutput stream = out -> {
        try {
          clock.lap("response started");
          builder.build(req, context, ignore, dockerfile, stages, new BuildStream(out, req.quiet()), out, scratch,
              clock);
        } finally {
          // Off the response path: the client has its answer once the build's messages are out.
          CompletableFuture.runAsync(() -> delete(dir));
        }
      };
      handedOver = true;
      return Response.ok(stream, MediaType.APPLICATION_JSON).build();
    } finally {
      if (!handedOver) {
        delete(dir);
      }
    }
  }

  /** The Dockerfile, found in the context without leaving it. */
  static Dockerfile dockerfile(BuildContext context, String name) throws IOException {
    byte[] file = context.regularFile(name, true);
    if (file == null) {
      throw new InvalidArgumentException("Cannot locate specified Dockerfile: " + name);
    }
    try {
      return Dockerfile.parse(name, new String(file, StandardCharsets.UTF_8));
    } catch (DockerfileException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }

  static DockerIgnore dockerIgnore(BuildContext context) throws IOException {
    byte[] file = context.regularFile(".dockerignore", false);
    if (file == null) {
      return DockerIgnore.empty();
    }
    return DockerIgnore.parse(new String(file, StandardCharsets.UTF_8));
  }

  /** A build's id: 64 random hex digits. */
  static String newId() {
    byte[] b = new byte[32];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  /** Removes a build's directory; symlinks are removed, never followed. */
  static void delete(Path dir) {
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      LOG.warnf(e, "could not remove the build directory %s", dir);
    }
  }
}
