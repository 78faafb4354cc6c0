package io.berth.image.registry;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.oci.Digest;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The real skopeo pushes an OCI layout into the registry and copies it back out, byte for byte. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class SkopeoPushTest {

  private static String run(String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(120, TimeUnit.SECONDS), "skopeo timed out");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    return out;
  }

  @Test
  void ociLayoutRoundTripsThroughTheRegistry() throws Exception {
    Path source = Files.createTempDirectory("oci-src");
    io.berth.image.OciLayouts.image(source, "v1", "random.bin", 200_000, 1, "amd64");
    String registry = "docker://127.0.0.1:" + RestAssured.port;

    run("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false", "oci:" + source + ":v1", registry + "/skopeo/pushed:v1");
    String sourceRaw = run("skopeo", "inspect", "--raw", "oci:" + source + ":v1");
    String pushedRaw = run("skopeo", "inspect", "--raw", "--tls-verify=false", registry + "/skopeo/pushed:v1");
    assertEquals(sourceRaw, pushedRaw);
    String digest = Digest.sha256(sourceRaw.getBytes(StandardCharsets.UTF_8)).toString();
    given().head("/v2/skopeo/pushed/manifests/v1").then().statusCode(200).header("Docker-Content-Digest", digest);

    // pushing again finds every blob present (HEAD) and changes nothing
    run("skopeo", "copy", "--preserve-digests", "--dest-tls-verify=false", "oci:" + source + ":v1", registry + "/skopeo/pushed:v1");

    Path back = Files.createTempDirectory("oci-back");
    run("skopeo", "copy", "--preserve-digests", "--dest-oci-accept-uncompressed-layers", "--src-tls-verify=false", registry + "/skopeo/pushed@" + digest, "oci:" + back + ":out");
    assertEquals(sourceRaw, run("skopeo", "inspect", "--raw", "oci:" + back + ":out"));
    String layer = run("skopeo", "inspect", "--raw", "--tls-verify=false", registry + "/skopeo/pushed:v1");
    assertTrue(layer.contains("application/vnd.oci.image.layer.v1.tar"), layer);
  }
}
