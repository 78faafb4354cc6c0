package io.berth.image.registry;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;

/**
 * The registry's discovery side: version check, tag lists and the catalog, both paginated.
 * Manifests, blobs, uploads and referrers have their own resources.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#content-discovery">content discovery</a>
 */
@Path("/v2")
public class RegistryResource {
  public static final String API_VERSION_HEADER = "Docker-Distribution-API-Version";
  public static final String API_VERSION = "registry/2.0";
  static final String DIGEST_HEADER = "Docker-Content-Digest";

  private final RegistryService registry;
  private final ManifestRepository manifests;

  public RegistryResource(RegistryService registry, ManifestRepository manifests) {
    this.registry = registry;
    this.manifests = manifests;
  }

  @GET
  @Path("/")
  @Produces(MediaType.APPLICATION_JSON)
  public Response base() {
    return Response.ok("{}").header(API_VERSION_HEADER, API_VERSION).build();
  }

  @GET
  @Path("/{name: .+}/tags/list")
  @Produces(MediaType.APPLICATION_JSON)
  @WithSession
  public Uni<Response> tags(@PathParam("name") String name, @HeaderParam(HttpHeaders.HOST) String host,
      @QueryParam("n") Integer n, @QueryParam("last") String last) {
    RegistryService.validName(name);
    Uni<TreeSet<String>> all = manifests.tags(name).map(TreeSet::new)
        .chain(pushed -> registry.repository(name, host).chain(registry::tags)
            .map(docker -> {
              pushed.addAll(docker);
              return pushed;
            })
            .onFailure(e -> e instanceof RegistryException r && r.code() == RegistryErrorCode.NAME_UNKNOWN)
            .recoverWithUni(e -> manifests.repositoryExists(name).map(exists -> {
              if (!exists) {
                throw (RegistryException) e;
              }
              return pushed;
            })));
    return all.map(tags -> {
      Page page = Page.of(tags, n, last);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("name", name);
      body.put("tags", page.items());
      return page.link(Response.ok(body), "/v2/" + name + "/tags/list", n)
          .header(API_VERSION_HEADER, API_VERSION).build();
    });
  }

  @GET
  @Path("/_catalog")
  @Produces(MediaType.APPLICATION_JSON)
  @WithSession
  public Uni<Response> catalog(@QueryParam("n") Integer n, @QueryParam("last") String last) {
    return manifests.repositories().map(all -> {
      Page page = Page.of(all.stream().filter(RegistryService::isValidName).toList(), n, last);
      return page.link(Response.ok(Map.of("repositories", page.items())), "/v2/_catalog", n)
          .header(API_VERSION_HEADER, API_VERSION).build();
    });
  }
}
