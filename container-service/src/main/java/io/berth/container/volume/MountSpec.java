package io.berth.container.volume;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * One resolved mount of a container, as stored with it.
 *
 * @param type {@code bind} or {@code volume}
 * @param name the volume's name (null for a bind)
 * @param source the host path of a bind (null for a volume: its data lives on the node)
 * @param destination absolute path in the container
 * @param readOnly mounted read-only
 * @param mode what the user wrote after the second colon of {@code -v} (shown by inspect)
 * @param noCopy for a new volume: do not copy the image's files into it
 * @param anonymous a volume made for this container (image VOLUME, bare {@code -v /path}): {@code rm -v} removes it
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record MountSpec(
    String type, String name, String source, String destination, boolean readOnly, String mode, boolean noCopy,
    boolean anonymous) {
  public static final String BIND = "bind";
  public static final String VOLUME = "volume";

  public boolean isVolume() {
    return VOLUME.equals(type);
  }

  public MountSpec withReadOnly(boolean ro) {
    return new MountSpec(type, name, source, destination, ro, mode, noCopy, anonymous);
  }
}
