package io.berth.gateway.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.testing.BerthInfra;
import io.berth.testing.BerthInfraResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

@QuarkusTest
@WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
class DockerSocketTest {

  private final Path socket = BerthInfra.berthHome().resolve("run/berth.sock");

  @Test
  void socketExistsWithMode0660() {
    // The mode is set by an asynchronous observer just after the listener opened.
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .untilAsserted(
            () ->
                assertEquals(
                    "rw-rw----",
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(socket))));
  }

  @Test
  void answersPingOverTheUnixSocket() throws IOException {
    String response = exchange("HEAD /_ping HTTP/1.1\r\nHost: api.moby.localhost\r\nConnection: close\r\n\r\n");
    assertTrue(response.startsWith("HTTP/1.1 200 OK\r\n"), response);
    assertTrue(response.contains("\r\nApi-Version: 1.41\r\n"), response);
    assertTrue(response.contains("\r\nOstype: linux\r\n"), response);

    String get = exchange("GET /v1.41/_ping HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
    assertTrue(get.startsWith("HTTP/1.1 200 OK\r\n"), get);
    assertTrue(get.endsWith("\r\n\r\nOK"), get);
  }

  private String exchange(String request) throws IOException {
    return UnixSocketHttp.exchange(socket, request);
  }
}
