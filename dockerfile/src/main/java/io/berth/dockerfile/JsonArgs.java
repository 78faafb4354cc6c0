package io.berth.dockerfile;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The exec (JSON array) form of an instruction's arguments. Like Docker, anything that is not a
 * JSON array is not an error here (the caller falls back to the shell form), but an array with a
 * non-string element is; text after the array is ignored, as Go's JSON decoder does.
 */
final class JsonArgs {
  static final String NOT_STRINGS =
      "when using JSON array syntax, arrays must be comprised of strings only";
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonArgs() {}

  /** The strings of the array, or null when the text is not a JSON array. */
  static List<String> parse(String text, Location location) {
    String trimmed = text.stripLeading();
    if (!trimmed.startsWith("[")) {
      return null;
    }
    JsonNode node;
    try (JsonParser parser = MAPPER.createParser(trimmed)) {
      node = MAPPER.readTree(parser);
    } catch (JsonProcessingException e) {
      return null;
    } catch (java.io.IOException e) {
      return null;
    }
    if (node == null || !node.isArray()) {
      return null;
    }
    List<String> out = new ArrayList<>();
    for (JsonNode element : node) {
      if (!element.isTextual()) {
        throw new DockerfileException(location, NOT_STRINGS);
      }
      out.add(element.textValue());
    }
    return out;
  }
}
