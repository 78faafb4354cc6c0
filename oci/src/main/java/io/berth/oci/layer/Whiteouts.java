package io.berth.oci.layer;

/**
 * OCI whiteout names.
 *
 * @see <a href="https://github.com/opencontainers/image-spec/blob/main/layer.md#whiteouts">image-spec
 *     layer.md, Whiteouts</a>
 */
public final class Whiteouts {
  /** Prefix of a file that deletes its sibling {@code <name>} from lower layers. */
  public static final String PREFIX = ".wh.";
  /** A file that hides every lower-layer entry of its directory. */
  public static final String OPAQUE = ".wh..wh..opq";
  /** Prefix of AUFS metadata entries ({@code .wh..wh.plnk}), ignored. */
  public static final String META_PREFIX = ".wh..wh.";

  private Whiteouts() {}

  /** Last component of a normalized path. */
  public static String baseName(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? path : path.substring(slash + 1);
  }

  /** Directory part of a normalized path ("" for a top-level entry). */
  public static String parent(String path) {
    int slash = path.lastIndexOf('/');
    return slash < 0 ? "" : path.substring(0, slash);
  }
}
