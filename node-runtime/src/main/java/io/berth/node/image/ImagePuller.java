package io.berth.node.image;

import io.berth.node.snapshot.SnapshotStore;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Makes an image present on this node: fetches its manifest, config and layer blobs over the OCI
 * Distribution API into the {@link ContentStore}, and unpacks each layer once per diffID into the
 * {@link SnapshotStore}.
 */
public final class ImagePuller {

  /** A pulled image: its config and its layer snapshots, bottom layer first. */
  public record PulledImage(ImageConfigJson config, List<Path> layers) {}

  private final RegistryClient registry;
  private final ContentStore content;
  private final SnapshotStore snapshots;

  public ImagePuller(RegistryClient registry, ContentStore content, SnapshotStore snapshots) {
    this.registry = registry;
    this.content = content;
    this.snapshots = snapshots;
  }

  public PulledImage pull(String registryUrl, String repository, Digest manifestDigest) throws IOException {
    ManifestJson manifest = OciJson.read(blob(registryUrl, repository, manifestDigest, true), ManifestJson.class);
    ImageConfigJson config =
        OciJson.read(blob(registryUrl, repository, manifest.config().digest(), false), ImageConfigJson.class);
    List<Digest> diffIds = config.rootfs() == null ? List.of() : config.rootfs().diffIds();
    if (diffIds.size() != manifest.layers().size()) {
      throw new IOException("image " + manifestDigest + " lists " + manifest.layers().size()
          + " layers but " + diffIds.size() + " diff_ids");
    }
    List<Path> layers = new ArrayList<>();
    for (int i = 0; i < diffIds.size(); i++) {
      Descriptor layer = manifest.layers().get(i);
      String diffId = diffIds.get(i).toString();
      if (!snapshots.exists(diffId)) {
        Path blob = fetch(registryUrl, repository, layer.digest());
        layers.add(snapshots.ensure(diffId, () -> Files.newInputStream(blob)));
      } else {
        layers.add(snapshots.path(diffId));
      }
    }
    return new PulledImage(config, layers);
  }

  private byte[] blob(String registryUrl, String repository, Digest digest, boolean manifest) throws IOException {
    if (!content.has(digest)) {
      if (manifest) {
        content.put(digest, new java.io.ByteArrayInputStream(registry.manifest(registryUrl, repository, digest)));
      } else {
        fetch(registryUrl, repository, digest);
      }
    }
    return content.read(digest);
  }

  private Path fetch(String registryUrl, String repository, Digest digest) throws IOException {
    if (content.has(digest)) {
      return content.path(digest);
    }
    return content.put(digest, registry.blob(registryUrl, repository, digest));
  }
}
