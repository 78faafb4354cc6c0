package io.berth.gateway.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ApiVersionTest {

  @Test
  void splitsPrefixFromRestOfPath() {
    var p = ApiVersion.parsePrefix("/v1.41/containers/abc/json").orElseThrow();
    assertEquals("1.41", p.version().text());
    assertEquals("/containers/abc/json", p.rest());
    assertEquals("/", ApiVersion.parsePrefix("/v1.41").orElseThrow().rest());
  }

  @Test
  void unprefixedPathsAreNotVersioned() {
    assertTrue(ApiVersion.parsePrefix("/version").isEmpty());
    assertTrue(ApiVersion.parsePrefix("/volumes/x").isEmpty());
    assertTrue(ApiVersion.parsePrefix("/v1.41x/info").isEmpty());
    assertTrue(ApiVersion.parsePrefix("/_ping").isEmpty());
  }

  @Test
  void comparesNumericallyNotAsText() {
    assertTrue(new ApiVersion("1.9").compareTo(new ApiVersion("1.12")) < 0);
    assertTrue(new ApiVersion("1.41").compareTo(new ApiVersion("1.5")) > 0);
    assertEquals(0, new ApiVersion("1.41").compareTo(new ApiVersion("1.41.0")));
    assertTrue(new ApiVersion("2").compareTo(ApiVersion.MAX) > 0);
  }

  @Test
  void rangeIsMinToMaxInclusiveWithDockersMessages() {
    assertTrue(ApiVersion.MAX.unsupportedReason().isEmpty());
    assertTrue(ApiVersion.MIN.unsupportedReason().isEmpty());
    assertTrue(new ApiVersion("1.24").unsupportedReason().isEmpty());
    assertEquals(
        "client version 1.52 is too new. Maximum supported API version is 1.41",
        new ApiVersion("1.52").unsupportedReason().orElseThrow());
    assertEquals(
        "client version 1.11 is too old. Minimum supported API version is 1.12, please upgrade"
            + " your client to a newer version",
        new ApiVersion("1.11").unsupportedReason().orElseThrow());
  }
}
