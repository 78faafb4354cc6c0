package io.berth.image.archive;

import io.berth.image.blob.BlobStore;
import io.berth.image.image.ImageLookup;
import io.berth.image.image.TagEntity;
import io.berth.image.image.TagRepository;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code docker save}: {@code GET /images/get?names=…} and {@code GET /images/{name}/get}, the
 * images (all looked up before the first byte is sent, so an unknown one is a plain 404) as one tar.
 */
@Path("/images")
public class SaveResource {
  private final ImageLookup lookup;
  private final TagRepository tags;
  private final BlobStore blobs;

  public SaveResource(ImageLookup lookup, TagRepository tags, BlobStore blobs) {
    this.lookup = lookup;
    this.tags = tags;
    this.blobs = blobs;
  }

  @GET
  @Blocking
  @Path("/get")
  public Response saveMany(@QueryParam("names") List<String> names) {
    return save(names);
  }

  @GET
  @Blocking
  @Path("/{name: .+}/get")
  public Response saveOne(@PathParam("name") String name) {
    return save(List.of(name));
  }

  private Response save(List<String> names) {
    List<ArchiveWriter.Saved> images = new ArrayList<>();
    for (String name : names) {
      var found = await(() -> Panache.withSession(() -> lookup.get(name)));
      // A name saves under that name; an id saves with every tag the image has, as Docker does.
      List<String> repoTags = found.tag() != null ? List.of(found.tag().repoTag())
          : await(() -> Panache.withSession(() -> tags.findByImage(found.image().id))).stream().map(TagEntity::repoTag).toList();
      images.add(new ArchiveWriter.Saved(found.image(), repoTags));
    }
    StreamingOutput body = out -> ArchiveWriter.write(images, blobs, out);
    return Response.ok(body, "application/x-tar").build();
  }

  private static <T> T await(java.util.function.Supplier<io.smallrye.mutiny.Uni<T>> step) {
    try {
      return VertxContextSupport.subscribeAndAwait(step);
    } catch (RuntimeException e) {
      throw e;
    } catch (Throwable t) {
      throw new IllegalStateException(t);
    }
  }
}
