package io.berth.image.gc;

/** What one garbage collection did. */
public record GcReport(int uploadsExpired, int linksPruned, int blobsDeleted, long bytesFreed) {}
