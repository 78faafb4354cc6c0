package io.berth.image.importer;

import io.berth.common.error.InvalidArgumentException;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.List;

/**
 * {@code POST /commit} (Docker's ImageCommit): a container's changes become a new image. As with
 * Docker, a running container is paused while its writable layer is read unless {@code pause=0}.
 */
@Path("/commit")
public class CommitResource {
  private final CommitService commits;

  public CommitResource(CommitService commits) {
    this.commits = commits;
  }

  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public Response commit(
      @QueryParam("container") String container,
      @QueryParam("repo") String repo,
      @QueryParam("tag") String tag,
      @QueryParam("comment") String comment,
      @QueryParam("author") String author,
      @QueryParam("changes") List<String> changes,
      @QueryParam("pause") String pause)
      throws IOException {
    if (container == null || container.isBlank()) {
      throw new InvalidArgumentException("a container is required");
    }
    ImportRequest request = ImportRequest.of(repo, tag, comment, changes);
    boolean pauseIt = pause == null || pause.isBlank() || pause.equals("1") || pause.equalsIgnoreCase("true");
    String id = commits.commit(container, request, author, pauseIt);
    return Response.status(201).entity("{\"Id\":\"" + id + "\"}").build();
  }
}
