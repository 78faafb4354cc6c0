package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContainerConfigMergerTest {
  static final ObjectMapper JSON = new ObjectMapper();
  static final String ID = "0c8ef5a062b77fafef2c123cf3a526d7577702949b79b9fb4fa414823de751c6";
  static final String IMAGE = "{\"Env\":[\"PATH=/bin\",\"A=image\"],\"Cmd\":[\"sh\"],\"Entrypoint\":null,"
      + "\"WorkingDir\":\"/srv\",\"User\":\"1000\",\"Labels\":{\"from\":\"image\",\"x\":\"1\"}}";

  static ObjectNode merge(String request, String image) throws Exception {
    return ContainerConfigMerger.merge((ObjectNode) JSON.readTree(request), JSON.readTree(image), ID);
  }

  @Test
  void imageDefaultsFillWhatTheUserLeftOut() throws Exception {
    ObjectNode c = merge("{\"Image\":\"bb\",\"Cmd\":null,\"Env\":[\"A=user\"],\"Labels\":{\"x\":\"2\"},"
        + "\"HostConfig\":{},\"NetworkingConfig\":{}}", IMAGE);
    assertEquals(List.of("sh"), ContainerConfigMerger.argv(c));
    assertEquals(List.of("PATH=/bin", "A=user"), ContainerConfigMerger.strings(c.get("Env")));
    assertEquals("/srv", c.get("WorkingDir").asText());
    assertEquals("1000", c.get("User").asText());
    assertEquals("image", c.get("Labels").get("from").asText());
    assertEquals("2", c.get("Labels").get("x").asText());
    assertEquals("0c8ef5a062b7", c.get("Hostname").asText());
    assertEquals(null, c.get("HostConfig"));
  }

  @Test
  void userCmdReplacesImageCmdAndUserEntrypointDropsImageCmd() throws Exception {
    String image = "{\"Entrypoint\":[\"/entry\"],\"Cmd\":[\"--default\"]}";
    assertEquals(List.of("/entry", "ls"), ContainerConfigMerger.argv(merge("{\"Cmd\":[\"ls\"]}", image)));
    assertEquals(List.of("/entry", "--default"), ContainerConfigMerger.argv(merge("{}", image)));
    assertEquals(List.of("/mine"), ContainerConfigMerger.argv(merge("{\"Entrypoint\":[\"/mine\"]}", image)));
  }

  @Test
  void nothingFromANullImage() throws Exception {
    JsonNode c = ContainerConfigMerger.merge((ObjectNode) JSON.readTree("{\"Cmd\":[\"true\"],\"Hostname\":\"h\"}"), null, ID);
    assertEquals(List.of("true"), ContainerConfigMerger.argv(c));
    assertEquals("h", c.get("Hostname").asText());
  }
}
