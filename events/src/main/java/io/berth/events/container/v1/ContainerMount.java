package io.berth.events.container.v1;

import java.util.Objects;

/**
 * A filesystem mounted into a container ({@code -v}, {@code --mount}, an image's {@code VOLUME}).
 *
 * @param type {@code bind} (a host path) or {@code volume} (a named or anonymous volume on the node)
 * @param source the absolute host path for {@code bind}; the volume name for {@code volume}
 * @param destination absolute path inside the container
 * @param readOnly mounted read-only
 * @param noCopy for a volume: do not copy the image's files at the destination into a new, empty
 *     volume (Docker copies them by default)
 */
public record ContainerMount(String type, String source, String destination, boolean readOnly, boolean noCopy) {
  public static final String BIND = "bind";
  public static final String VOLUME = "volume";

  public ContainerMount {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
  }
}
