package io.berth.image.importer;

import io.berth.oci.Descriptor;

/** Blobs of an import already committed to the store, waiting for their metadata rows. */
record StagedImage(
    ImportRequest request,
    Descriptor config,
    byte[] configBytes,
    Descriptor manifest,
    byte[] manifestBytes,
    Descriptor layer,
    java.time.Instant created) {}
