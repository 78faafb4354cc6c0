package io.berth.image.auth;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

/** Docker's AuthConfig, the body of {@code POST /auth} (the CLI's {@code docker login}). */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthRequest(
    @JsonProperty("username") String username,
    @JsonProperty("password") String password,
    @JsonProperty("serveraddress") String serverAddress,
    @JsonProperty("identitytoken") String identityToken) {}
