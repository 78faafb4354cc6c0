package io.berth.image.build.run;

import io.berth.oci.Descriptor;

/**
 * What a RUN step left behind.
 *
 * @param exitCode the command's exit code
 * @param layer the filesystem diff as an ingested layer blob (as commit makes it); null when
 *     exitCode != 0
 * @param containerId the id of the container that ran the step
 */
public record RunOutcome(int exitCode, Descriptor layer, String containerId) {}
