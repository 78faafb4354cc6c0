package io.berth.node.oci;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.events.container.v1.ContainerResources;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The resources file of {@code runc/crun update --resources}: the OCI linux.resources object with
 * the memory, CPU and pids limits of a container (computed as at create: Docker's swap default
 * and --cpus as a CFS quota), never its device rules.
 */
public final class ResourceUpdates {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ResourceUpdates() {}

  /** Writes the file for {@code resources} to {@code file}. */
  public static void write(ContainerResources resources, Path file) throws IOException {
    Files.writeString(file, json(resources));
  }

  static String json(ContainerResources resources) throws IOException {
    return JSON.writeValueAsString(LinuxResources.updatable(resources));
  }
}
