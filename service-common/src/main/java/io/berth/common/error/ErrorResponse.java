package io.berth.common.error;

/** Docker Engine API error body: {@code {"message": "..."}}. */
public record ErrorResponse(String message) {}
