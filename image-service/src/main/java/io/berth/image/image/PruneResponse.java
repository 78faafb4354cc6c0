package io.berth.image.image;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /images/prune}'s answer; {@code ImagesDeleted} is null when nothing went, as dockerd sends it. */
public record PruneResponse(
    @JsonProperty("ImagesDeleted") List<DeleteResponseItem> imagesDeleted,
    @JsonProperty("SpaceReclaimed") long spaceReclaimed) {}
