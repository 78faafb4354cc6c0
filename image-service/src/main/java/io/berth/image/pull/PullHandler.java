package io.berth.image.pull;

import io.berth.common.error.InvalidArgumentException;
import io.berth.oci.ImageReference;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jboss.logging.Logger;

/**
 * {@code POST /images/create?fromImage=&tag=}: resolves first (an unknown image is a plain 404 with
 * Docker's message), then streams the download as Docker's progress JSON; a failure after the
 * stream began is its last line ({@code errorDetail}), as dockerd does.
 */
@ApplicationScoped
public class PullHandler {
  private static final Logger LOG = Logger.getLogger(PullHandler.class);

  private final PullService pulls;
  private final PullDownloader downloader;
  private final RegistryAddresses addresses;

  public PullHandler(PullService pulls, PullDownloader downloader, RegistryAddresses addresses) {
    this.pulls = pulls;
    this.downloader = downloader;
    this.addresses = addresses;
  }

  public Response pull(String fromImage, String tag, String platform, String registryAuth) throws IOException {
    ImageReference ref = reference(fromImage, tag);
    RegistryCredentials credentials;
    try {
      credentials = RegistryCredentials.fromHeader(registryAuth);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
    PullPlan plan = plan(ref, platform, credentials);
    StreamingOutput body = out -> {
      ProgressStream progress = new ProgressStream(out);
      try {
        downloader.run(plan, progress);
      } catch (UncheckedIOException gone) {
        LOG.debugf("pull of %s: the client went away", ref);
      } catch (IOException | RuntimeException e) {
        LOG.warnf(e, "pull of %s failed", ref);
        progress.error(e.getMessage() == null ? e.toString() : e.getMessage());
      }
    };
    return Response.ok(body, MediaType.APPLICATION_JSON).build();
  }

  /**
   * Pulls {@code ref} anonymously for a build's FROM, its progress written to {@code progress};
   * fails with {@link PullException} as {@code docker pull} would. Blocking.
   */
  public void pullForBuild(ImageReference ref, String platform, RegistryCredentials credentials, ProgressStream progress)
      throws IOException {
    downloader.run(plan(ref, platform, credentials), progress);
  }

  private PullPlan plan(ImageReference ref, String platform, RegistryCredentials credentials) throws IOException {
    String[] osArch = platform(platform);
    PullPlan plan;
    try {
      plan = pulls.resolve(ref, osArch[0], osArch[1], credentials);
    } catch (RegistryAuthException e) {
      // dockerd's words and not a 401: on a 401 the CLI prompts for credentials on stdin and
      // retries, which hangs a non-interactive `docker pull`.
      throw new PullException(404, "pull access denied for " + ref.familiarName()
          + ", repository does not exist or may require 'docker login': " + e.getMessage());
    } catch (IOException e) {
      // Unreachable registry (no route, no DNS, refused): nothing to pull, said the way `docker run`
      // users recognise, with the reason.
      throw new PullException(404, "No such image: " + ref + " (cannot reach " + addresses.base(ref.registry())
          + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()) + ")");
    }
    return plan;
  }

  static ImageReference reference(String fromImage, String tag) {
    String value = fromImage;
    if (tag != null && !tag.isEmpty()) {
      value += (tag.contains(":") ? "@" : ":") + tag;
    }
    try {
      return ImageReference.parse(value);
    } catch (IllegalArgumentException e) {
      throw new InvalidArgumentException(e.getMessage());
    }
  }

  /** {@code os/arch[/variant]}, linux/amd64 by default. */
  static String[] platform(String platform) {
    if (platform == null || platform.isBlank()) {
      return new String[] {"linux", "amd64"};
    }
    String[] parts = platform.split("/");
    if (parts.length < 2) {
      throw new InvalidArgumentException("invalid platform " + platform + ": expected os/arch");
    }
    return new String[] {parts[0], parts[1]};
  }
}
