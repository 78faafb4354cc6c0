package io.berth.image.pull;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class RegistryConfigTest {

  private static String header(String json) {
    return Base64.getUrlEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void picksTheLoginOfTheImagesRegistry() {
    RegistryConfig config = RegistryConfig.fromHeader(header("{"
        + "\"127.0.0.1:5000\":{\"username\":\"it\",\"password\":\"it-pass\",\"serveraddress\":\"127.0.0.1:5000\"},"
        + "\"https://index.docker.io/v1/\":{\"username\":\"hub\",\"password\":\"hub-pass\"},"
        + "\"https://Registry.Example:8443/v2/\":{\"identitytoken\":\"tok\"}}"));

    assertEquals(new RegistryCredentials("it", "it-pass", null), config.credentialsFor("127.0.0.1:5000"));
    assertEquals(new RegistryCredentials("hub", "hub-pass", null), config.credentialsFor("docker.io"));
    assertEquals(new RegistryCredentials(null, null, "tok"), config.credentialsFor("registry.example:8443"));
    // another port is another registry
    assertEquals(RegistryCredentials.NONE, config.credentialsFor("127.0.0.1:5001"));
  }

  @Test
  void readsTheCombinedAuthFieldOfTheCliConfig() {
    String auth = Base64.getEncoder().encodeToString("alice:s3:cret".getBytes(StandardCharsets.UTF_8));
    RegistryConfig config = RegistryConfig.fromHeader(header("{\"localhost:5050\":{\"auth\":\"" + auth + "\"}}"));

    RegistryCredentials c = config.credentialsFor("localhost:5050");
    assertEquals("alice", c.username());
    assertEquals("s3:cret", c.password());
    assertNull(c.identityToken());
  }

  @Test
  void anUndecodableOrEmptyHeaderIsNoCredentialsAsWithDockerd() {
    assertEquals(RegistryCredentials.NONE, RegistryConfig.fromHeader(null).credentialsFor("docker.io"));
    assertEquals(RegistryCredentials.NONE, RegistryConfig.fromHeader("%%%").credentialsFor("docker.io"));
    assertEquals(RegistryCredentials.NONE, RegistryConfig.fromHeader(header("[1,2]")).credentialsFor("docker.io"));
    assertEquals(RegistryCredentials.NONE,
        RegistryConfig.fromHeader(header("{\"127.0.0.1:5000\":{\"email\":\"x@y\"}}")).credentialsFor("127.0.0.1:5000"));
  }
}
