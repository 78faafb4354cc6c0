package io.berth.image.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /auth}'s answer: {@code {"Status":"Login Succeeded"}}. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record AuthResponse(@JsonProperty("Status") String status, @JsonProperty("IdentityToken") String identityToken) {}
