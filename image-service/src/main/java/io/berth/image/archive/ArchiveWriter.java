package io.berth.image.archive;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.image.blob.BlobStore;
import io.berth.image.image.ImageEntity;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.image.ManifestJson;
import io.berth.oci.image.OciJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * {@code docker save}'s tar, in the shape Docker 25+ writes: an OCI image layout ({@code
 * oci-layout}, {@code index.json}, {@code blobs/sha256/…}: configs, layers and manifests exactly as
 * stored) plus Docker's {@code manifest.json} pointing into the same blobs, so both {@code docker
 * load} and OCI tools read it. Each blob is written once.
 */
final class ArchiveWriter {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** An image to save and the names it is saved under. */
  record Saved(ImageEntity image, List<String> repoTags) {}

  private ArchiveWriter() {}

  static void write(List<Saved> images, BlobStore blobs, OutputStream out) throws IOException {
    TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    Set<String> written = new HashSet<>();
    List<Map<String, Object>> dockerManifest = new ArrayList<>();
    List<Map<String, Object>> index = new ArrayList<>();
    dir(tar, "blobs/");
    dir(tar, "blobs/sha256/");
    for (Saved s : images) {
      ManifestJson m = OciJson.read(s.image().manifest, ManifestJson.class);
      bytes(tar, written, Digest.parse(s.image().id), s.image().config);
      List<String> layers = new ArrayList<>();
      for (Descriptor l : m.layers()) {
        blob(tar, written, blobs, l);
        layers.add(path(l.digest()));
      }
      bytes(tar, written, Digest.parse(s.image().manifestDigest), s.image().manifest);
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("Config", path(Digest.parse(s.image().id)));
      entry.put("RepoTags", s.repoTags());
      entry.put("Layers", layers);
      dockerManifest.add(entry);
      Map<String, Object> desc = new LinkedHashMap<>();
      desc.put("mediaType", s.image().manifestMediaType);
      desc.put("digest", s.image().manifestDigest);
      desc.put("size", s.image().manifest.length);
      if (!s.repoTags().isEmpty()) {
        desc.put("annotations", Map.of("io.containerd.image.name", s.repoTags().get(0),
            "org.opencontainers.image.ref.name", s.repoTags().get(0).substring(s.repoTags().get(0).lastIndexOf(':') + 1)));
      }
      index.add(desc);
    }
    file(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes(StandardCharsets.UTF_8));
    file(tar, "index.json", JSON.writeValueAsBytes(Map.of("schemaVersion", 2,
        "mediaType", "application/vnd.oci.image.index.v1+json", "manifests", index)));
    file(tar, "manifest.json", JSON.writeValueAsBytes(dockerManifest));
    tar.finish();
    tar.flush();
  }

  static String path(Digest d) {
    return "blobs/" + d.algorithm() + "/" + d.hex();
  }

  private static void blob(TarArchiveOutputStream tar, Set<String> written, BlobStore blobs, Descriptor d)
      throws IOException {
    if (!written.add(d.digest().toString())) {
      return;
    }
    long size = blobs.stat(d.digest()).orElseThrow(() -> new IOException("blob " + d.digest() + " is missing")).size();
    TarArchiveEntry e = new TarArchiveEntry(path(d.digest()));
    e.setSize(size);
    tar.putArchiveEntry(e);
    try (InputStream in = blobs.open(d.digest())) {
      in.transferTo(tar);
    }
    tar.closeArchiveEntry();
  }

  private static void bytes(TarArchiveOutputStream tar, Set<String> written, Digest d, byte[] content) throws IOException {
    if (written.add(d.toString())) {
      file(tar, path(d), content);
    }
  }

  private static void file(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(content.length);
    tar.putArchiveEntry(e);
    tar.write(content);
    tar.closeArchiveEntry();
  }

  private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
    tar.putArchiveEntry(new TarArchiveEntry(name));
    tar.closeArchiveEntry();
  }
}
