package io.berth.container.volume;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.InvalidArgumentException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MountParserTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static Map<String, MountSpec> parse(String config, String hostConfig) throws Exception {
    JsonNode c = JSON.readTree(config);
    JsonNode h = JSON.readTree(hostConfig);
    return MountParser.parse(c, h);
  }

  @Test
  void bindsVolumesMountsAndAnonymousVolumes() throws Exception {
    Map<String, MountSpec> m = parse("{\"Volumes\":{\"/anon\":{},\"/data\":{}}}",
        "{\"Binds\":[\"/srv/x:/x:ro\",\"named:/data/\"],"
            + "\"Mounts\":[{\"Type\":\"volume\",\"Target\":\"/v\",\"VolumeOptions\":{\"NoCopy\":true}},"
            + "{\"Type\":\"tmpfs\",\"Target\":\"/t\"}]}");
    assertEquals(List.of("/x", "/data", "/v", "/anon"), List.copyOf(m.keySet()));
    assertEquals(new MountSpec("bind", null, "/srv/x", "/x", true, "ro", false, false), m.get("/x"));
    assertEquals("named", m.get("/data").name(), "an explicit mount wins over the image's VOLUME");
    assertTrue(m.get("/v").noCopy() && m.get("/v").anonymous());
    assertTrue(m.get("/anon").anonymous() && m.get("/anon").name().matches("[0-9a-f]{64}"));
  }

  @Test
  void badSpecificationsAreRefused() {
    assertThrows(InvalidArgumentException.class, () -> parse("{}", "{\"Binds\":[\"x:relative\"]}"));
    assertThrows(InvalidArgumentException.class, () -> parse("{}", "{\"Binds\":[\"/a:/\"]}"));
    assertThrows(InvalidArgumentException.class, () -> parse("{}", "{\"Binds\":[\"bad name:/x\"]}"));
    assertThrows(InvalidArgumentException.class, () -> parse("{}", "{\"Binds\":[\"/a:/x:bogus\"]}"));
    assertThrows(InvalidArgumentException.class, () -> parse("{}", "{\"Binds\":[\"/a:/x\",\"/b:/x/\"]}"));
    assertThrows(InvalidArgumentException.class,
        () -> parse("{}", "{\"Mounts\":[{\"Type\":\"bind\",\"Source\":\"rel\",\"Target\":\"/x\"}]}"));
  }

  @Test
  void destinationsAreCleaned() {
    assertEquals("/a/c", MountParser.clean("/a/./b/../c//"));
    assertEquals("/", MountParser.clean("/../.."));
  }
}
