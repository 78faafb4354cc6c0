package io.berth.events.node.v1;

/**
 * What a node can offer to containers.
 *
 * @param cpus logical CPUs
 * @param memoryBytes total memory in bytes
 */
public record NodeCapacity(int cpus, long memoryBytes) {}
