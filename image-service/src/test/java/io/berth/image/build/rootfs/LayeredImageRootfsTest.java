package io.berth.image.build.rootfs;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.image.image.NoSuchImageException;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bean over stored images: an imported (gzip) layer read back from the blob store. */
@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class LayeredImageRootfsTest {
  @Inject LayeredImageRootfs rootfs;
  @TempDir Path tmp;

  @Test
  void readsAndUnpacksAStoredImage() throws IOException {
    byte[] layer = new LayerTar().dir("etc").file("etc/passwd", "root:x:0:0\napp:x:1000:1000\n")
        .symlink("etc/users", "passwd").file("bin/run", "#!/bin/sh\n", 0100755).gzip();
    String body = given().body(layer).contentType("application/x-tar").queryParam("fromSrc", "-")
        .post("/images/create").then().statusCode(200).extract().asString();
    String id = body.substring("{\"status\":\"".length(), body.indexOf("\"}"));

    assertEquals("root:x:0:0\napp:x:1000:1000\n",
        new String(rootfs.read(id, "/etc/users").orElseThrow(), StandardCharsets.UTF_8));
    assertEquals(Optional.empty(), rootfs.read(id, "/etc/group"));

    Path root = Files.createDirectory(tmp.resolve("root"));
    rootfs.unpack(id, root);
    assertEquals("#!/bin/sh\n", Files.readString(root.resolve("bin/run")));
    assertEquals(Path.of("passwd"), Files.readSymbolicLink(root.resolve("etc/users")));

    assertThrows(NoSuchImageException.class, () -> rootfs.read("sha256:" + "0".repeat(64), "/etc/passwd"));
  }
}
