package io.berth.image.registry;

/** A manifest as the registry serves it: digest, media type and the exact bytes. */
record ServedManifest(String digest, String mediaType, byte[] content) {}
