package io.berth.image;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** The real skopeo pulls from image-service exactly as from any registry. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class SkopeoTest {

  private static String run(List<String> cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "skopeo timed out");
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.exitValue(), String.join(" ", cmd) + "\n" + out);
    return out;
  }

  @Test
  void skopeoInspectsAndCopies() throws Exception {
    byte[] tar = TestTars.tar("hello.txt", "hello from berth\n");
    given().body(tar).queryParam("fromSrc", "-").queryParam("repo", "skopeo/probe:t1")
        .post("/images/create").then().statusCode(200);
    String image = "docker://127.0.0.1:" + RestAssured.port + "/skopeo/probe:t1";

    String inspect = run(List.of("skopeo", "inspect", "--tls-verify=false", image));
    assertTrue(inspect.contains("\"RepoTags\"") && inspect.contains("t1"), inspect);

    Path target = Files.createTempDirectory("skopeo-copy");
    run(List.of("skopeo", "copy", "--src-tls-verify=false", image, "oci:" + target + ":x"));
    String index = Files.readString(target.resolve("index.json"));
    assertTrue(index.contains("\"org.opencontainers.image.ref.name\":\"x\""), index);
  }
}
