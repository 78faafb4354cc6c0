package io.berth.container.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Docker's {@code ContainerWaitResponse}: {@code {"StatusCode":0,"Error":null}}. */
public record ContainerWaitResponse(
    @JsonProperty("StatusCode") int statusCode,
    @JsonInclude(JsonInclude.Include.ALWAYS) @JsonProperty("Error") WaitError error) {

  /** Docker's {@code ContainerWaitExitError}. */
  public record WaitError(@JsonProperty("Message") String message) {}
}
