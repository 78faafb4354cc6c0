package io.berth.node.agent;

import io.berth.events.container.v1.KillContainer;
import io.berth.events.container.v1.PauseContainer;
import io.berth.events.container.v1.RemoveContainer;
import io.berth.events.container.v1.RunContainer;
import io.berth.events.container.v1.StopContainer;
import io.berth.events.container.v1.UnpauseContainer;
import io.berth.events.container.v1.UpdateContainer;

/**
 * What a node does with the commands addressed to it. Each method only has to accept the command:
 * the work may go on afterwards, and its outcome is reported as facts (TaskStarted, TaskExited,
 * TaskFailed). Commands for one container are handed over in the order they were issued.
 */
public interface TaskCommands {
  void run(RunContainer command);

  void stop(StopContainer command);

  void kill(KillContainer command);

  void remove(RemoveContainer command);

  void pause(PauseContainer command);

  void unpause(UnpauseContainer command);

  void update(UpdateContainer command);
}
