package io.berth.container.container;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.berth.common.error.ConflictException;
import org.junit.jupiter.api.Test;

class ContainerStateTest {

  @Test
  void followsDockersLifecycle() {
    assertEquals(ContainerState.RUNNING, ContainerState.CREATED.transitionTo(ContainerState.RUNNING));
    assertEquals(ContainerState.EXITED, ContainerState.RUNNING.transitionTo(ContainerState.EXITED));
    assertEquals(ContainerState.RUNNING, ContainerState.EXITED.transitionTo(ContainerState.RUNNING));
    assertEquals(ContainerState.REMOVING, ContainerState.EXITED.transitionTo(ContainerState.REMOVING));
    assertEquals(ContainerState.DEAD, ContainerState.REMOVING.transitionTo(ContainerState.DEAD));
  }

  @Test
  void rejectsIllegalMovesAsConflicts() {
    ConflictException e = assertThrows(ConflictException.class,
        () -> ContainerState.CREATED.transitionTo(ContainerState.EXITED));
    assertEquals(409, e.status());
    assertThrows(IllegalTransitionException.class, () -> ContainerState.REMOVING.transitionTo(ContainerState.RUNNING));
    assertThrows(IllegalTransitionException.class, () -> ContainerState.RUNNING.transitionTo(ContainerState.RUNNING));
    assertThrows(IllegalTransitionException.class, () -> ContainerState.DEAD.transitionTo(ContainerState.RUNNING));
  }

  @Test
  void usesDockersNames() {
    assertEquals("exited", ContainerState.EXITED.dockerName());
    assertEquals(ContainerState.DEAD, ContainerState.fromDockerName("dead"));
    assertThrows(IllegalArgumentException.class, () -> ContainerState.fromDockerName("paused"));
  }
}
