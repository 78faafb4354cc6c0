package io.berth.image.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One line of {@code docker history}, in Docker's JSON field names. */
public record HistoryItem(
    @JsonProperty("Id") String id,
    @JsonProperty("Created") long created,
    @JsonProperty("CreatedBy") String createdBy,
    @JsonProperty("Tags") List<String> tags,
    @JsonProperty("Size") long size,
    @JsonProperty("Comment") String comment) {}
