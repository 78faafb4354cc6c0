package io.berth.image.build.layer;

import java.nio.file.Path;
import java.time.Instant;

/**
 * One entry of a layer a build step writes.
 *
 * @param path where it lands in the image, relative ("app/main.py"), no trailing slash
 * @param kind file, directory or symlink
 * @param source the file whose bytes to copy (files only)
 * @param linkTarget the symlink's target (symlinks only)
 * @param mode permission bits
 */
public record LayerEntry(
    String path, Kind kind, Path source, String linkTarget, int mode, int uid, int gid, Instant modified) {

  public enum Kind { FILE, DIRECTORY, SYMLINK }
}
