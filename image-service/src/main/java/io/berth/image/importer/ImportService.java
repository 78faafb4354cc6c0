package io.berth.image.importer;

import io.berth.image.blob.BlobStore;
import io.berth.image.blob.BlobWriter;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.MediaTypes;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * {@code docker import}: turns a rootfs tar into a one-layer OCI image. The tar is streamed into
 * the blob store and checked in the same pass; config and manifest follow; nothing is committed if
 * the tar is unsafe. Blocking: call from a worker thread.
 */
@ApplicationScoped
public class ImportService {
  private final BlobStore blobs;
  private final LayerTarValidator validator;
  private final ImportRecorder recorder;

  public ImportService(BlobStore blobs, LayerTarValidator validator, ImportRecorder recorder) {
    this.blobs = blobs;
    this.validator = validator;
    this.recorder = recorder;
  }

  /** Imports {@code body}; returns the image id ({@code sha256:<config hex>}). */
  public String importTar(InputStream body, ImportRequest request) throws IOException {
    Descriptor layer = ingestLayer(body);
    Instant created = Instant.now();
    String comment = request.message() == null || request.message().isEmpty() ? "Imported from -" : request.message();
    ImageConfigJson config =
        new ImageConfigJson(
            created.toString(), null, Platforms.architecture(), "linux",
            ChangeInstructions.apply(ImageConfigJson.Config.EMPTY, request.changes()),
            ImageConfigJson.RootFs.layers(List.of(layer.digest())),
            List.of(new ImageConfigJson.History(created.toString(), "", null, comment, null)));
    return record(request, config, List.of(layer), created);
  }

  /**
   * Stores {@code config} and an OCI manifest over {@code layers} (already in the store), then the
   * image row, its tag and its fact in one transaction; returns the image id.
   */
  String record(ImportRequest request, ImageConfigJson config, List<Descriptor> layers, Instant created)
      throws IOException {
    byte[] configBytes = OciJson.write(config);
    Descriptor configDesc = store(MediaTypes.OCI_CONFIG, configBytes);
    byte[] manifestBytes = OciJson.write(ManifestJson.oci(configDesc, layers));
    Descriptor manifestDesc = store(MediaTypes.OCI_MANIFEST, manifestBytes);
    StagedImage staged =
        new StagedImage(request, configDesc, configBytes, manifestDesc, manifestBytes, layers, created);
    try {
      // Hibernate Reactive needs a Vert.x context; this blocks the worker until the commit.
      VertxContextSupport.subscribeAndAwait(() -> recorder.record(staged));
    } catch (RuntimeException | IOException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("recording the image failed", t);
    }
    return configDesc.digest().toString();
  }

  // One uncompressed tar layer, so its digest is also its diffID. Gzip input is decompressed first.
  public Descriptor ingestLayer(InputStream body) throws IOException {
    return ingest(body, false);
  }

  /**
   * A container's filesystem diff as a layer blob: like {@link #ingestLayer} but an archive
   * without entries is a valid, empty layer (a step that changed nothing).
   */
  Descriptor ingestDiff(InputStream body) throws IOException {
    return ingest(body, true);
  }

  private Descriptor ingest(InputStream body, boolean mayBeEmpty) throws IOException {
    try (BlobWriter writer = blobs.ingest()) {
      TeeInputStream tee = new TeeInputStream(decompressed(body), writer.stream());
      validator.validate(tee, mayBeEmpty);
      tee.drain();
      if (writer.size() == 0) {
        throw new InvalidImportException("empty import: the request body must be a tar archive");
      }
      var info = writer.commit(null, -1);
      return new Descriptor(MediaTypes.OCI_LAYER_TAR, info.digest(), info.size());
    }
  }

  private static InputStream decompressed(InputStream body) throws IOException {
    BufferedInputStream in = new BufferedInputStream(body, 64 * 1024);
    in.mark(2);
    int b1 = in.read();
    int b2 = in.read();
    in.reset();
    return b1 == 0x1f && b2 == 0x8b ? new GZIPInputStream(in, 64 * 1024) : in;
  }

  private Descriptor store(String mediaType, byte[] bytes) throws IOException {
    Digest digest = Digest.sha256(bytes);
    try (BlobWriter writer = blobs.ingest()) {
      writer.stream().write(bytes);
      writer.commit(digest, bytes.length);
    }
    return new Descriptor(mediaType, digest, bytes.length);
  }
}
