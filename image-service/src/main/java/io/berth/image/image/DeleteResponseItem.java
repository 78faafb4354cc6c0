package io.berth.image.image;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** One line of {@code DELETE /images/{name}}: a tag removed or an image deleted. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DeleteResponseItem(
    @JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {

  public static DeleteResponseItem untagged(String repoTag) {
    return new DeleteResponseItem(repoTag, null);
  }

  public static DeleteResponseItem deleted(String id) {
    return new DeleteResponseItem(null, id);
  }
}
