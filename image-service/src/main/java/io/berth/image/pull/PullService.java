package io.berth.image.pull;

import io.berth.image.blob.BlobInfo;
import io.berth.image.blob.BlobStore;
import io.berth.image.blob.BlobWriter;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.ImageReference;
import io.berth.oci.MediaTypes;
import io.berth.oci.image.IndexJson;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * {@code docker pull}, in two steps: {@link #resolve} finds the platform manifest (errors here
 * become plain HTTP errors, before any progress is streamed), {@link PullDownloader} then fetches
 * what the store lacks. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class PullService {
  static final String ACCEPT = String.join(", ", MediaTypes.OCI_INDEX, MediaTypes.DOCKER_MANIFEST_LIST,
      MediaTypes.OCI_MANIFEST, MediaTypes.DOCKER_MANIFEST_V2);

  @Inject RegistryAddresses addresses;

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();

  /** Finds the manifest {@code ref} names for {@code os/arch}; {@link PullException} when it can't. */
  public PullPlan resolve(ImageReference ref, String os, String arch, RegistryCredentials credentials) throws IOException {
    RemoteRegistry registry = new RemoteRegistry(http, addresses.base(ref.registry()), credentials);
    String reference = ref.digest() != null ? ref.digest().toString() : ref.tag();
    Fetched top = fetchManifest(registry, ref, reference);
    String reportedDigest = top.digest.toString();
    Fetched chosen = top;
    if (MediaTypes.INDEXES.contains(top.mediaType)) {
      IndexJson index = read(top.bytes, IndexJson.class, ref);
      IndexJson.Entry entry = index.manifests().stream()
          .filter(e -> e.platform() != null && os.equals(e.platform().os()) && arch.equals(e.platform().architecture()))
          .findFirst()
          .orElseThrow(() -> new PullException(404, "no matching manifest for " + os + "/" + arch
              + " in the manifest list entries"));
      chosen = fetchManifest(registry, ref, entry.digest().toString());
      if (!chosen.digest.equals(entry.digest())) {
        throw new PullException(502, "manifest from " + registry.base() + " does not match its digest " + entry.digest());
      }
    }
    if (!MediaTypes.MANIFESTS.contains(chosen.mediaType)) {
      throw new PullException(502, "unsupported manifest media type " + chosen.mediaType + " for " + ref);
    }
    ManifestJson manifest = read(chosen.bytes, ManifestJson.class, ref);
    if (manifest.config() == null) {
      throw new PullException(502, "invalid manifest for " + ref + ": no config");
    }
    return new PullPlan(ref, registry, reportedDigest, chosen.digest.toString(), chosen.mediaType, chosen.bytes,
        manifest.config(), manifest.layers());
  }

  private record Fetched(Digest digest, String mediaType, byte[] bytes) {}

  private static Fetched fetchManifest(RemoteRegistry registry, ImageReference ref, String reference) throws IOException {
    HttpResponse<InputStream> r = registry.get("/v2/" + ref.repository() + "/manifests/" + reference, ACCEPT, ref.repository());
    byte[] bytes;
    try (InputStream in = r.body()) {
      bytes = in.readNBytes(4 * 1024 * 1024 + 1);
    }
    int status = r.statusCode();
    if (status == 404) {
      throw new PullException(404, "manifest for " + ref + " not found: manifest unknown: manifest unknown");
    }
    if (status == 401 || status == 403) {
      throw new PullException(404, "pull access denied for " + ref.familiarName()
          + ", repository does not exist or may require 'docker login'");
    }
    if (status != 200) {
      throw new PullException(502, "unexpected status " + status + " from " + registry.base() + " for " + ref);
    }
    if (bytes.length > 4 * 1024 * 1024) {
      throw new PullException(502, "manifest for " + ref + " is larger than 4 MiB");
    }
    Digest digest = Digest.sha256(bytes);
    if (reference.contains(":") && !digest.toString().equals(reference)) {
      throw new PullException(502, "manifest from " + registry.base() + " does not match " + reference);
    }
    String type = r.headers().firstValue("Content-Type").map(t -> t.split(";", 2)[0].trim()).orElse("");
    if (!MediaTypes.MANIFESTS.contains(type) && !MediaTypes.INDEXES.contains(type)) {
      // Some registries answer application/json: trust the manifest's own mediaType field.
      type = mediaTypeField(bytes, ref);
    }
    return new Fetched(digest, type, bytes);
  }

  private static String mediaTypeField(byte[] bytes, ImageReference ref) {
    try {
      return OciJson.mapper().readTree(bytes).path("mediaType").asText("");
    } catch (IOException e) {
      throw new PullException(502, "the registry answered something that is not a manifest for " + ref);
    }
  }

  private static <T> T read(byte[] bytes, Class<T> type, ImageReference ref) {
    try {
      return OciJson.read(bytes, type);
    } catch (RuntimeException e) {
      throw new PullException(502, "the registry answered an invalid manifest for " + ref);
    }
  }

  /** Downloads one blob into {@code store}, verified against its descriptor; reports bytes read. */
  static BlobInfo download(PullPlan plan, Descriptor d, BlobStore store, java.util.function.LongConsumer progress)
      throws IOException {
    var ref = plan.reference();
    HttpResponse<InputStream> r = plan.registry().get("/v2/" + ref.repository() + "/blobs/" + d.digest(), null, ref.repository());
    try (InputStream in = r.body(); BlobWriter w = store.ingest()) {
      if (r.statusCode() != 200) {
        throw new IOException("blob " + d.digest() + " of " + ref + ": the registry answered " + r.statusCode());
      }
      byte[] buf = new byte[128 * 1024];
      long done = 0;
      for (int n; (n = in.read(buf)) > 0; ) {
        w.stream().write(buf, 0, n);
        done += n;
        progress.accept(done);
      }
      return w.commit(d.digest(), d.size());
    }
  }
}
