package io.berth.image;

import io.berth.oci.Digest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Writes small OCI image layouts by hand, for skopeo to push to registries in tests. */
public final class OciLayouts {
  private OciLayouts() {}

  /** The digests of what {@link #image} wrote. */
  public record Image(String manifestDigest, String configDigest, String layerDigest, int manifestSize) {}

  /** One layer holding {@code file} with {@code bytes} random bytes (seeded), tagged {@code tag}. */
  public static Image image(Path dir, String tag, String file, int bytes, long seed, String arch) throws IOException {
    Image image = writeImage(dir, file, bytes, seed, arch);
    index(dir, List.of("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"" + image.manifestDigest()
        + "\",\"size\":" + image.manifestSize() + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}"));
    return image;
  }

  /**
   * A multi-platform index tagged {@code tag} over one image per arch; returns the images (same
   * order) and writes the index as a blob too. The index digest is {@code indexDigest[0]}.
   */
  public static List<Image> multiArch(Path dir, String tag, String[] indexDigest, String... arches) throws IOException {
    List<Image> images = new ArrayList<>();
    StringBuilder entries = new StringBuilder();
    for (int i = 0; i < arches.length; i++) {
      Image img = writeImage(dir, "file-" + arches[i], 50_000, i + 11, arches[i]);
      images.add(img);
      entries.append(i > 0 ? "," : "").append("{\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\",\"digest\":\"")
          .append(img.manifestDigest()).append("\",\"size\":").append(img.manifestSize())
          .append(",\"platform\":{\"architecture\":\"").append(arches[i]).append("\",\"os\":\"linux\"}}");
    }
    byte[] index = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"manifests\":["
        + entries + "]}").getBytes(StandardCharsets.UTF_8);
    indexDigest[0] = blob(dir, index);
    index(dir, List.of("{\"mediaType\":\"application/vnd.oci.image.index.v1+json\",\"digest\":\"" + indexDigest[0]
        + "\",\"size\":" + index.length + ",\"annotations\":{\"org.opencontainers.image.ref.name\":\"" + tag + "\"}}"));
    return images;
  }

  private static Image writeImage(Path dir, String file, int bytes, long seed, String arch) throws IOException {
    ByteArrayOutputStream tar = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(tar)) {
      byte[] data = new byte[bytes];
      new Random(seed).nextBytes(data);
      TarArchiveEntry e = new TarArchiveEntry(file);
      e.setSize(data.length);
      out.putArchiveEntry(e);
      out.write(data);
      out.closeArchiveEntry();
    }
    byte[] layer = tar.toByteArray();
    String layerDigest = blob(dir, layer);
    byte[] config = ("{\"created\":\"2025-01-02T03:04:05Z\",\"architecture\":\"" + arch + "\",\"os\":\"linux\","
        + "\"config\":{\"Cmd\":[\"/bin/sh\"]},\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"" + layerDigest + "\"]}}")
        .getBytes(StandardCharsets.UTF_8);
    String configDigest = blob(dir, config);
    byte[] manifest = ("{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
        + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\"" + configDigest
        + "\",\"size\":" + config.length + "},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
        + "\"digest\":\"" + layerDigest + "\",\"size\":" + layer.length + "}]}").getBytes(StandardCharsets.UTF_8);
    return new Image(blob(dir, manifest), configDigest, layerDigest, manifest.length);
  }

  private static String blob(Path dir, byte[] content) throws IOException {
    Digest d = Digest.sha256(content);
    Path blobs = Files.createDirectories(dir.resolve("blobs/sha256"));
    Files.write(blobs.resolve(d.hex()), content);
    return d.toString();
  }

  private static void index(Path dir, List<String> entries) throws IOException {
    Files.writeString(dir.resolve("oci-layout"), "{\"imageLayoutVersion\":\"1.0.0\"}");
    Files.writeString(dir.resolve("index.json"), "{\"schemaVersion\":2,\"manifests\":[" + String.join(",", entries) + "]}");
  }
}
