package io.berth.container.container;

import java.util.List;
import java.util.Optional;

/**
 * Docker's rule for what {@code {id}} in a path means: the full id, else the exact name (with or
 * without leading slash), else a unique id prefix. Pure: the repository supplies the candidates.
 */
public final class ContainerResolver {
  private ContainerResolver() {}

  /** Thrown when a prefix matches more than one container. */
  public static final class AmbiguousReferenceException extends RuntimeException {
    public AmbiguousReferenceException(String ref) {
      super("Multiple IDs found with provided prefix: " + ref);
    }
  }

  /**
   * Picks the container {@code ref} designates among {@code candidates} (every container whose
   * id starts with, or whose name equals, the reference).
   */
  public static Optional<ContainerEntity> pick(String ref, List<ContainerEntity> candidates) {
    if (ref == null || ref.isEmpty()) {
      return Optional.empty();
    }
    for (ContainerEntity c : candidates) {
      if (c.id.equals(ref)) {
        return Optional.of(c);
      }
    }
    String name = ContainerNames.normalize(ref);
    for (ContainerEntity c : candidates) {
      if (c.name.equals(name)) {
        return Optional.of(c);
      }
    }
    List<ContainerEntity> prefixed = candidates.stream().filter(c -> c.id.startsWith(ref)).toList();
    if (prefixed.size() > 1) {
      throw new AmbiguousReferenceException(ref);
    }
    return prefixed.stream().findFirst();
  }

  /** Whether {@code ref} could be an id prefix at all (hex only), to skip the LIKE query. */
  public static boolean couldBeIdPrefix(String ref) {
    return !ref.isEmpty() && ref.length() <= 64 && ref.chars().allMatch(ch -> Character.digit(ch, 16) >= 0 && !Character.isUpperCase(ch));
  }
}
