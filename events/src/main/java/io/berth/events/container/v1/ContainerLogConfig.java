package io.berth.events.container.v1;

/**
 * How a container's log is kept (Docker's json-file options {@code --log-opt max-size/max-file}):
 * the log is rotated once it reaches {@code maxSizeBytes}, and at most {@code maxFiles} files
 * (the current one included) are kept.
 *
 * @param maxSizeBytes rotate when the current file reaches this size; null = never rotate
 * @param maxFiles files kept, at least 1 (1 = the current file is cut, nothing older kept)
 */
public record ContainerLogConfig(Long maxSizeBytes, int maxFiles) {}
