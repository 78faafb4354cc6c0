package io.berth.image.build.run;

import java.util.List;

/**
 * One RUN instruction to execute.
 *
 * @param buildId the build this step belongs to
 * @param imageId "sha256:..." of an image recorded in image-service: the container's rootfs
 * @param argv full argv: shell + command for the shell form
 * @param env "K=V" entries, including build args as Docker passes them
 * @param workingDir the container's working directory ("" for "/")
 * @param user the user to run as ("" for root)
 * @param networkMode "default" unless --network was given
 * @param keepContainer true when the container must be kept after the step (rm=false on
 *     success, forcerm=false on failure, as the builder decides)
 */
public record RunStep(
    String buildId,
    String imageId,
    List<String> argv,
    List<String> env,
    String workingDir,
    String user,
    String networkMode,
    boolean keepContainer) {

  public RunStep {
    argv = List.copyOf(argv);
    env = List.copyOf(env);
  }
}
