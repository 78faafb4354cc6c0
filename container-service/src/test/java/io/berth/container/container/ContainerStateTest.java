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
    assertThrows(IllegalTransitionException.class, () -> ContainerState.CREATED.transitionTo(ContainerState.PAUSED));
    assertThrows(IllegalTransitionException.class, () -> ContainerState.EXITED.transitionTo(ContainerState.PAUSED));
  }

  @Test
  void pausedIsBetweenRunningAndExited() {
    assertEquals(ContainerState.PAUSED, ContainerState.RUNNING.transitionTo(ContainerState.PAUSED));
    assertEquals(ContainerState.RUNNING, ContainerState.PAUSED.transitionTo(ContainerState.RUNNING));
    assertEquals(ContainerState.EXITED, ContainerState.PAUSED.transitionTo(ContainerState.EXITED));
    assertEquals(ContainerState.REMOVING, ContainerState.PAUSED.transitionTo(ContainerState.REMOVING));
  }

  @Test
  void usesDockersNames() {
    assertEquals("exited", ContainerState.EXITED.dockerName());
    assertEquals(ContainerState.DEAD, ContainerState.fromDockerName("dead"));
    assertEquals(ContainerState.PAUSED, ContainerState.fromDockerName("paused"));
    assertThrows(IllegalArgumentException.class, () -> ContainerState.fromDockerName("frozen"));
  }
}
