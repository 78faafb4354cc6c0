package io.berth.container.container;

import io.berth.common.error.ConflictException;

/** A lifecycle move {@link ContainerState} does not allow; a 409 at the edge. */
public class IllegalTransitionException extends ConflictException {
  private final ContainerState from;
  private final ContainerState to;

  public IllegalTransitionException(ContainerState from, ContainerState to) {
    super("cannot move a container from state " + from.dockerName() + " to " + to.dockerName());
    this.from = from;
    this.to = to;
  }

  public ContainerState from() {
    return from;
  }

  public ContainerState to() {
    return to;
  }
}
