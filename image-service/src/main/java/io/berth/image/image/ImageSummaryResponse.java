package io.berth.image.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** One entry of {@code GET /images/json} (Docker's ImageSummary). */
public record ImageSummaryResponse(
    @JsonProperty("Id") String id,
    @JsonProperty("ParentId") String parentId,
    @JsonProperty("RepoTags") List<String> repoTags,
    @JsonProperty("RepoDigests") List<String> repoDigests,
    @JsonProperty("Created") long created,
    @JsonProperty("Size") long size,
    @JsonProperty("SharedSize") long sharedSize,
    @JsonProperty("VirtualSize") long virtualSize,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Containers") long containers) {}
