package io.berth.container.volume;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** Docker's Volume object (docker volume inspect / ls). */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record VolumeView(
    @JsonProperty("CreatedAt") String createdAt,
    @JsonProperty("Driver") String driver,
    @JsonProperty("Labels") Map<String, String> labels,
    @JsonProperty("Mountpoint") String mountpoint,
    @JsonProperty("Name") String name,
    @JsonProperty("Options") Map<String, String> options,
    @JsonProperty("Scope") String scope) {}
