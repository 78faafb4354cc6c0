package io.berth.oci.image;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.oci.Descriptor;
import io.berth.oci.Digest;
import io.berth.oci.MediaTypes;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Round-trips the spec's example documents: reading then writing loses and invents nothing. */
class GoldenJsonTest {

  private static byte[] golden(String name) throws IOException {
    try (InputStream in = GoldenJsonTest.class.getResourceAsStream("/oci/" + name)) {
      return in.readAllBytes();
    }
  }

  private static void assertRoundTrip(String name, Class<?> type) throws IOException {
    byte[] original = golden(name);
    byte[] written = OciJson.write(OciJson.read(original, type));
    JsonNode expected = OciJson.mapper().readTree(original);
    JsonNode actual = OciJson.mapper().readTree(written);
    assertEquals(expected, actual);
  }

  @Test
  void manifestRoundTrips() throws IOException {
    assertRoundTrip("manifest.json", ManifestJson.class);
    ManifestJson m = OciJson.read(golden("manifest.json"), ManifestJson.class);
    assertEquals(MediaTypes.OCI_CONFIG, m.config().mediaType());
    assertEquals(7023, m.config().size());
    assertEquals(2, m.layers().size());
    assertEquals("layer2", m.layers().get(1).annotations().get("org.opencontainers.image.title"));
  }

  @Test
  void configRoundTrips() throws IOException {
    assertRoundTrip("config.json", ImageConfigJson.class);
    ImageConfigJson c = OciJson.read(golden("config.json"), ImageConfigJson.class);
    assertEquals("amd64", c.architecture());
    assertEquals(List.of("/bin/my-app-binary"), c.config().entrypoint());
    assertEquals("/home/alice", c.config().workingDir());
    assertEquals(2, c.rootfs().diffIds().size());
    assertEquals(Boolean.TRUE, c.history().get(1).emptyLayer());
  }

  @Test
  void indexRoundTrips() throws IOException {
    assertRoundTrip("index.json", IndexJson.class);
    IndexJson i = OciJson.read(golden("index.json"), IndexJson.class);
    assertEquals("v8", i.manifests().get(1).platform().variant());
  }

  @Test
  void writesCompactStableBytes() {
    Digest d = Digest.sha256(new byte[0]);
    ManifestJson m =
        ManifestJson.oci(
            new Descriptor(MediaTypes.OCI_CONFIG, d, 0),
            List.of(new Descriptor(MediaTypes.OCI_LAYER_TAR, d, 10)));
    String expected =
        "{\"schemaVersion\":2,\"mediaType\":\"application/vnd.oci.image.manifest.v1+json\","
            + "\"config\":{\"mediaType\":\"application/vnd.oci.image.config.v1+json\",\"digest\":\""
            + d + "\",\"size\":0},\"layers\":[{\"mediaType\":\"application/vnd.oci.image.layer.v1.tar\","
            + "\"digest\":\"" + d + "\",\"size\":10}]}";
    assertEquals(expected, new String(OciJson.write(m), java.nio.charset.StandardCharsets.UTF_8));
  }
}
