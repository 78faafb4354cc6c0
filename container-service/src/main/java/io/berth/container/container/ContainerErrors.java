package io.berth.container.container;

import io.berth.common.error.ConflictException;
import io.berth.common.error.InvalidArgumentException;
import io.berth.common.error.NotFoundException;

/** Docker's exact wording of container errors, in one place. */
public final class ContainerErrors {
  private ContainerErrors() {}

  public static NotFoundException noSuchContainer(String ref) {
    return new NotFoundException("No such container: " + ref);
  }

  public static NotFoundException noSuchImage(String ref) {
    return new NotFoundException("No such image: " + ref);
  }

  public static ConflictException nameInUse(String name, String ownerId) {
    return new ConflictException("Conflict. The container name \"/" + name
        + "\" is already in use by container \"" + ownerId
        + "\". You have to remove (or rename) that container to be able to reuse that name.");
  }

  public static InvalidArgumentException invalidName(String name) {
    return new InvalidArgumentException(
        "Invalid container name (" + name + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
  }

  public static ConflictException notRunning(String id) {
    return new ConflictException("Container " + id + " is not running");
  }

  public static ConflictException removeRunning(String id) {
    return new ConflictException("You cannot remove a running container " + id
        + ". Stop the container before attempting removal or force remove");
  }
}
