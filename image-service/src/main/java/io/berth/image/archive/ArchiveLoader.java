package io.berth.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.common.error.InvalidArgumentException;
import io.berth.image.blob.BlobStore;
import io.berth.image.blob.BlobWriter;
import io.berth.image.image.ImageEntity;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.ImageReference;
import io.berth.oci.MediaTypes;
import io.berth.oci.image.ImageConfigJson;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code docker load}: unpacks a docker-archive tar (Docker's {@code manifest.json}, with or
 * without the OCI layout Docker 25+ adds) or a pure OCI layout tar ({@link OciLayoutEntries}) into a private staging directory, checks every layer
 * against the config's {@code diff_ids}, and only then publishes blobs and records the images, so
 * a bad archive leaves nothing behind. Config bytes are kept, so the image id survives the trip;
 * the saved manifest is reused when the archive holds it. Blocking.
 */
@ApplicationScoped
public class ArchiveLoader {
  private final BlobStore blobs;
  private final LoadRecorder recorder;
  private final Path staging;

  public ArchiveLoader(BlobStore blobs, LoadRecorder recorder, @ConfigProperty(name = "berth.home") Path home) {
    this.blobs = blobs;
    this.recorder = recorder;
    this.staging = home.resolve("images").resolve("uploads");
  }

  /** Loads every image of the archive; returns the names loaded (or ids, for untagged ones). */
  public List<String> load(InputStream archive) throws IOException {
    Path dir = Files.createDirectories(staging.resolve("load-" + UUID.randomUUID()));
    try {
      Map<String, Path> files = unpack(archive, dir);
      Path manifestJson = files.get("manifest.json");
      JsonNode entries;
      if (manifestJson != null) {
        entries = OciJson.mapper().readTree(manifestJson.toFile());
      } else if (files.containsKey("index.json")) {
        entries = OciLayoutEntries.read(files, files.get("index.json"));
      } else {
        throw new InvalidArgumentException(
            "invalid archive: neither manifest.json nor index.json (not a docker-archive or OCI layout tar)");
      }
      if (entries == null || !entries.isArray() || entries.isEmpty()) {
        throw new InvalidArgumentException("invalid archive: manifest.json lists no images");
      }
      List<Staged> staged = new ArrayList<>();
      for (JsonNode e : entries) {
        staged.add(stage(e, files));
      }
      List<String> loaded = new ArrayList<>();
      Set<Path> published = new HashSet<>();
      for (Staged s : staged) {
        publish(s, published);
        await(s);
        if (s.names.isEmpty()) {
          loaded.add("Loaded image ID: " + s.image.id);
        }
        s.names.forEach(n -> loaded.add("Loaded image: " + n.familiarName() + ":" + n.tag()));
      }
      return loaded;
    } finally {
      try (Stream<Path> all = Files.walk(dir)) {
        all.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** An image checked and ready to publish. */
  private record Staged(ImageEntity image, List<Path> layerFiles, List<Descriptor> layers, List<ImageReference> names) {}

  private Staged stage(JsonNode entry, Map<String, Path> files) throws IOException {
    Path configFile = file(files, entry.path("Config").asText(""));
    byte[] config = Files.readAllBytes(configFile);
    Digest configDigest = Digest.sha256(config);
    ImageConfigJson parsed;
    try {
      parsed = OciJson.read(config, ImageConfigJson.class);
    } catch (RuntimeException e) {
      throw new InvalidArgumentException("invalid archive: the image config is not valid JSON");
    }
    List<Digest> diffIds = parsed.rootfs() == null || parsed.rootfs().diffIds() == null ? List.of() : parsed.rootfs().diffIds();
    List<Path> layerFiles = new ArrayList<>();
    List<Descriptor> layers = new ArrayList<>();
    JsonNode paths = entry.path("Layers");
    if (paths.size() != diffIds.size()) {
      throw new InvalidArgumentException("invalid archive: " + paths.size() + " layers for " + diffIds.size() + " diff_ids");
    }
    for (int i = 0; i < paths.size(); i++) {
      Path f = file(files, paths.get(i).asText(""));
      boolean gzip = isGzip(f);
      Digest digest = sha256(f, false);
      Digest diffId = gzip ? sha256(f, true) : digest;
      if (!diffId.equals(diffIds.get(i))) {
        throw new InvalidArgumentException("invalid archive: layer " + (i + 1) + " does not match the config's diff_id "
            + diffIds.get(i));
      }
      layerFiles.add(f);
      layers.add(new Descriptor(gzip ? MediaTypes.OCI_LAYER_TAR_GZIP : MediaTypes.OCI_LAYER_TAR, digest, Files.size(f)));
    }
    List<ImageReference> names = new ArrayList<>();
    for (JsonNode t : entry.path("RepoTags")) {
      try {
        names.add(ImageReference.parse(t.asText()));
      } catch (IllegalArgumentException e) {
        throw new InvalidArgumentException("invalid archive: bad name " + t.asText() + ": " + e.getMessage());
      }
    }
    byte[] manifest = savedManifest(files, configDigest, layers);
    String mediaType = MediaTypes.OCI_MANIFEST;
    if (manifest == null) {
      manifest = OciJson.write(ManifestJson.oci(new Descriptor(MediaTypes.OCI_CONFIG, configDigest, config.length), layers));
    } else {
      mediaType = OciJson.mapper().readTree(manifest).path("mediaType").asText(MediaTypes.OCI_MANIFEST);
    }
    ImageEntity image = new ImageEntity();
    image.id = configDigest.toString();
    image.manifestDigest = Digest.sha256(manifest).toString();
    image.manifestMediaType = mediaType;
    image.manifest = manifest;
    image.config = config;
    image.size = layers.stream().mapToLong(Descriptor::size).sum();
    image.created = created(parsed.created());
    image.storedAt = Instant.now();
    return new Staged(image, layerFiles, layers, names);
  }

  /** The manifest the archive's OCI layout holds for this config with exactly these layers, or null. */
  private static byte[] savedManifest(Map<String, Path> files, Digest config, List<Descriptor> layers) throws IOException {
    for (Map.Entry<String, Path> f : files.entrySet()) {
      if (!f.getKey().startsWith("blobs/sha256/") || Files.size(f.getValue()) > 4 * 1024 * 1024) {
        continue;
      }
      byte[] bytes = Files.readAllBytes(f.getValue());
      try {
        ManifestJson m = OciJson.read(bytes, ManifestJson.class);
        if (m.config() != null && config.equals(m.config().digest())
            && m.layers().stream().map(Descriptor::digest).toList().equals(layers.stream().map(Descriptor::digest).toList())) {
          return bytes;
        }
      } catch (RuntimeException notAManifest) {
        // layers, configs and indexes are not manifests: keep looking
      }
    }
    return null;
  }

  private void publish(Staged s, Set<Path> published) throws IOException {
    for (int i = 0; i < s.layerFiles.size(); i++) {
      Path f = s.layerFiles.get(i);
      if (published.add(f)) {
        blobs.adopt(f, s.layers.get(i).digest());
      }
    }
    store(s.image.config);
    store(s.image.manifest);
  }

  private void store(byte[] bytes) throws IOException {
    try (BlobWriter w = blobs.ingest()) {
      w.stream().write(bytes);
      w.commit(Digest.sha256(bytes), bytes.length);
    }
  }

  private void await(Staged s) {
    List<String> refs = new ArrayList<>(List.of(s.image.manifestDigest, s.image.id));
    s.layers.forEach(l -> refs.add(l.digest().toString()));
    try {
      VertxContextSupport.subscribeAndAwait(() -> recorder.record(s.image, refs, s.names));
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException("recording the load failed", t);
    }
  }

  /** Regular files of the tar, each in a staging file named by its position (never by its path). */
  private static Map<String, Path> unpack(InputStream archive, Path dir) throws IOException {
    Map<String, Path> files = new HashMap<>();
    try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(archive, 64 * 1024))) {
      int n = 0;
      for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
        if (!e.isFile()) {
          continue;
        }
        Path f = dir.resolve(Integer.toString(n++));
        Files.copy(tar, f);
        files.put(e.getName().replaceFirst("^\\./", ""), f);
      }
    }
    return files;
  }

  private static Path file(Map<String, Path> files, String name) {
    Path f = files.get(name.replaceFirst("^\\./", ""));
    if (f == null) {
      throw new InvalidArgumentException("invalid archive: " + name + " is listed in manifest.json but missing");
    }
    return f;
  }

  private static boolean isGzip(Path f) throws IOException {
    try (InputStream in = Files.newInputStream(f)) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static Digest sha256(Path f, boolean gunzip) throws IOException {
    MessageDigest md = Digest.newSha256();
    try (InputStream raw = Files.newInputStream(f);
        InputStream in = new DigestInputStream(gunzip ? new GZIPInputStream(raw, 64 * 1024) : raw, md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return Digest.fromSha256(md.digest());
  }

  private static Instant created(String created) {
    try {
      return created == null ? Instant.EPOCH : OffsetDateTime.parse(created).toInstant();
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
