package io.berth.image.build.cache;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /build/prune}'s answer (Docker's BuildCachePruneResponse). */
public record BuildPruneResponse(
    @JsonProperty("CachesDeleted") List<String> cachesDeleted,
    @JsonProperty("SpaceReclaimed") long spaceReclaimed) {}
