package io.berth.image.registry;

/** A manifest pushed to a repository, bytes exactly as received. */
public record StoredManifest(
    String repository, String digest, String mediaType, byte[] content, String subject, String artifactType) {}
