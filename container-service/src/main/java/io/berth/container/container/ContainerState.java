package io.berth.container.container;

import java.util.EnumSet;
import java.util.Set;

/**
 * Lifecycle state of a container record, with Docker's names. Every change goes through {@link
 * #transitionTo}, which rejects moves the lifecycle does not allow.
 *
 * <pre>
 * created ──start──▶ running ──exit──▶ exited ──start──▶ running
 *    │              pause │ ▲ unpause     │
 *    │                    ▼ │             │
 *    │                  paused ──exit──▶ exited
 *    │                  │                 │
 *    └──────rm──────────┴──rm -f──────────┴──rm──▶ removing ──(failure)──▶ dead
 * </pre>
 */
public enum ContainerState {
  CREATED("created"),
  RUNNING("running"),
  /** Frozen (docker pause): the task still exists, so Docker reports Running and Paused both true. */
  PAUSED("paused"),
  EXITED("exited"),
  REMOVING("removing"),
  DEAD("dead");

  private final String dockerName;

  ContainerState(String dockerName) {
    this.dockerName = dockerName;
  }

  /** Docker's lower-case name, as in {@code State.Status} and the {@code status} filter. */
  public String dockerName() {
    return dockerName;
  }

  /** The states this one may move to. */
  public Set<ContainerState> next() {
    return switch (this) {
      case CREATED -> EnumSet.of(RUNNING, REMOVING);
      case RUNNING -> EnumSet.of(EXITED, REMOVING, PAUSED);
      case PAUSED -> EnumSet.of(RUNNING, EXITED, REMOVING);
      case EXITED -> EnumSet.of(RUNNING, REMOVING);
      case REMOVING -> EnumSet.of(DEAD);
      case DEAD -> EnumSet.of(REMOVING);
    };
  }

  public boolean canTransitionTo(ContainerState target) {
    return next().contains(target);
  }

  /** {@code target} if the lifecycle allows the move, else {@link IllegalTransitionException}. */
  public ContainerState transitionTo(ContainerState target) {
    if (!canTransitionTo(target)) {
      throw new IllegalTransitionException(this, target);
    }
    return target;
  }

  /** Parses Docker's name ({@code running}); {@link IllegalArgumentException} if unknown. */
  public static ContainerState fromDockerName(String name) {
    for (ContainerState s : values()) {
      if (s.dockerName.equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown container state '" + name + "'");
  }
}
