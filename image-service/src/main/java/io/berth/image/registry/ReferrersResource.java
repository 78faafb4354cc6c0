package io.berth.image.registry;

import io.berth.oci.MediaTypes;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The referrers API: an image index of the manifests in a repository whose {@code subject} is the
 * given digest, optionally filtered by {@code artifactType}. Always 200, empty when none.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#listing-referrers">listing referrers</a>
 */
@Path("/v2")
public class ReferrersResource {
  private final ManifestRepository manifests;
  private final com.fasterxml.jackson.databind.ObjectMapper json;

  public ReferrersResource(ManifestRepository manifests, com.fasterxml.jackson.databind.ObjectMapper json) {
    this.manifests = manifests;
    this.json = json;
  }

  @GET
  @Path("/{name: .+}/referrers/{digest}")
  @WithSession
  public Uni<Response> referrers(@PathParam("name") String name, @PathParam("digest") String digest,
      @QueryParam("artifactType") String artifactType) {
    RegistryService.validName(name);
    String subject = RegistryDigests.parse(digest).toString();
    return manifests.referrers(name, subject).map(found -> {
      List<Map<String, Object>> descriptors = found.stream()
          .filter(m -> artifactType == null || artifactType.equals(m.artifactType()))
          .map(this::descriptor)
          .toList();
      Map<String, Object> index = new LinkedHashMap<>();
      index.put("schemaVersion", 2);
      index.put("mediaType", MediaTypes.OCI_INDEX);
      index.put("manifests", descriptors);
      Response.ResponseBuilder r = Response.ok(index, MediaTypes.OCI_INDEX)
          .header(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION);
      if (artifactType != null) {
        r.header("OCI-Filters-Applied", "artifactType");
      }
      return r.build();
    });
  }

  private Map<String, Object> descriptor(StoredManifest m) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", m.mediaType());
    d.put("digest", m.digest());
    d.put("size", m.content().length);
    if (m.artifactType() != null) {
      d.put("artifactType", m.artifactType());
    }
    Map<String, String> annotations = ManifestDocument.parse(json, m.content(), m.mediaType()).annotations();
    if (!annotations.isEmpty()) {
      d.put("annotations", annotations);
    }
    return d;
  }
}
