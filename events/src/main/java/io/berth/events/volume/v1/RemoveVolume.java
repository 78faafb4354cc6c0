package io.berth.events.volume.v1;

import io.berth.events.EventData;
import java.util.Objects;

/**
 * Command to every node (a local volume's data may be on any of them): delete the data of the
 * removed volume {@code name}. Type {@code io.berth.volume.remove.v1}.
 */
public record RemoveVolume(String name) implements EventData {
  public RemoveVolume {
    Objects.requireNonNull(name, "name");
  }
}
