package io.berth.image.pull;

import io.berth.oci.Descriptor;
import io.berth.oci.ImageReference;
import java.util.List;

/**
 * A resolved pull: the reference, the registry to read from, the platform manifest chosen (exact
 * bytes), its config and layers, and the digest Docker reports (the index's when one was resolved).
 */
record PullPlan(
    ImageReference reference, RemoteRegistry registry, String reportedDigest, String manifestDigest,
    String manifestMediaType, byte[] manifest, Descriptor config, List<Descriptor> layers) {}
