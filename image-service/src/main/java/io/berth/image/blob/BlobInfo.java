package io.berth.image.blob;

import io.berth.oci.Digest;

/** What the store knows about a committed blob: its digest and its size in bytes. */
public record BlobInfo(Digest digest, long size) {}
