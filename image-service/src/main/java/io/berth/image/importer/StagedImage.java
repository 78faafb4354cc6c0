package io.berth.image.importer;

import io.berth.oci.Descriptor;

/** Blobs of an import or commit already in the store, waiting for their metadata rows. */
record StagedImage(
    ImportRequest request,
    Descriptor config,
    byte[] configBytes,
    Descriptor manifest,
    byte[] manifestBytes,
    java.util.List<Descriptor> layers,
    java.time.Instant created) {}
