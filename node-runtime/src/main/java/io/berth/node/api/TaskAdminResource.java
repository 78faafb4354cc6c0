package io.berth.node.api;

import io.berth.node.agent.TaskManager;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Map;

/** Internal API for the launcher: stop every container on this node before the platform stops. */
@Path("/internal/tasks")
public class TaskAdminResource {
  private final TaskManager tasks;

  public TaskAdminResource(TaskManager tasks) {
    this.tasks = tasks;
  }

  @POST
  @Path("/stop-all")
  @Blocking
  @Produces(MediaType.APPLICATION_JSON)
  public Map<String, Integer> stopAll(@QueryParam("t") @DefaultValue("10") int graceSeconds) {
    return Map.of("stopped", tasks.stopAll(Math.max(0, Math.min(graceSeconds, 60))));
  }
}
