package io.berth.gateway.auth.token;

/** Body of {@code POST /berth/v1/tokens}. */
public record TokenRequest(String name, String role) {}
