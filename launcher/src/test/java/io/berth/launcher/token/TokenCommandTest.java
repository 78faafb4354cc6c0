package io.berth.launcher.token;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class TokenCommandTest {

  @Test
  void readsStringFieldsOfTheGatewaysAnswers() {
    String json = "{\"id\":\"a1\",\"name\":\"ci \\\"bot\\\"\",\"role\":\"viewer\",\"secret\":\"berth_x-y\"}";
    assertEquals("berth_x-y", TokenCommand.field(json, "secret"));
    assertEquals("ci \"bot\"", TokenCommand.field(json, "name"));
    assertNull(TokenCommand.field(json, "revokedAt"));
  }

  @Test
  void splitsAnArrayOfFlatObjects() {
    List<String> objects = TokenCommand.objects("[{\"id\":\"1\"},{\"id\":\"2\",\"role\":\"admin\"}]");
    assertEquals(2, objects.size());
    assertEquals("2", TokenCommand.field(objects.get(1), "id"));
  }

  @Test
  void quotesForJson() {
    assertEquals("\"a\\\"b\\\\c\"", TokenCommand.quote("a\"b\\c"));
  }

  @Test
  void parsesPlainAndChunkedAnswers() throws IOException {
    UnixHttpClient.Response plain = UnixHttpClient.parse("HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\n{}");
    assertEquals(201, plain.status());
    assertEquals("{}", plain.body());
    UnixHttpClient.Response chunked = UnixHttpClient.parse(
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\n[{}\r\n1\r\n]\r\n0\r\n\r\n");
    assertEquals("[{}]", chunked.body());
  }
}
