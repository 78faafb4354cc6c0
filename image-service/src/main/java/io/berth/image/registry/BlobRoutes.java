package io.berth.image.registry;

import io.berth.image.blob.BlobDigestMismatchException;
import io.berth.image.blob.BlobInfo;
import io.berth.image.blob.BlobStore;
import io.berth.image.blob.UploadRangeException;
import io.berth.image.blob.UploadStore;
import io.berth.image.blob.UploadUnknownException;
import io.berth.oci.Digest;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Future;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The registry's byte-moving endpoints as plain Vert.x routes: blob upload (POST, PATCH, PUT) and
 * blob GET/HEAD. Bodies stream from the socket to the session file, hashed on the way ({@link
 * ChunkReceiver}), and blobs go back out with sendFile, so no worker thread copies bytes through
 * an InputStream; the few
 * blocking steps (session files, database links) run on the worker pool. Upload status, cancel
 * and blob DELETE stay in {@link UploadResource} and {@link BlobResource}.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#pushing-blobs">pushing blobs</a>
 */
@ApplicationScoped
public class BlobRoutes {
  private static final Logger LOG = Logger.getLogger(BlobRoutes.class);
  private static final Pattern CONTENT_RANGE = Pattern.compile("(?:bytes )?(\\d+)-(\\d+)(?:/\\d+|/\\*)?");
  private static final String UPLOADS = "/v2/(?<name>.+)/blobs/uploads/";
  private static final String SESSION = UPLOADS + "(?<id>[^/]+)";
  private static final String BLOB = "/v2/(?<name>.+)/blobs/(?<digest>[^/]+)";
  private static final String OCTETS = "application/octet-stream";

  private final UploadStore uploads;
  private final BlobStore blobs;
  private final RepositoryBlobs repositoryBlobs;
  private final RegistryService registry;

  public BlobRoutes(UploadStore uploads, BlobStore blobs, RepositoryBlobs repositoryBlobs, RegistryService registry) {
    this.uploads = uploads;
    this.blobs = blobs;
    this.repositoryBlobs = repositoryBlobs;
    this.registry = registry;
  }

  void install(@Observes Router router) {
    router.postWithRegex(UPLOADS).handler(ctx -> guarded(ctx, this::start));
    router.patchWithRegex(SESSION).handler(ctx -> guarded(ctx, this::chunk));
    router.putWithRegex(SESSION).handler(ctx -> guarded(ctx, this::finish));
    router.getWithRegex(BLOB).handler(ctx -> guarded(ctx, c -> serve(c, true)));
    router.headWithRegex(BLOB).handler(ctx -> guarded(ctx, c -> serve(c, false)));
  }

  /** POST: a cross-repository mount, a whole blob in one request ({@code ?digest=}), or a new session. */
  private Future<Void> start(RoutingContext ctx) {
    String name = RegistryService.validName(ctx.pathParam("name"));
    String mount = param(ctx, "mount");
    String from = param(ctx, "from");
    String digest = param(ctx, "digest");
    Future<Boolean> mounted = Future.succeededFuture(false);
    if (mount != null && from != null) {
      Digest d = RegistryDigests.parse(mount);
      RegistryService.validName(from);
      String host = ctx.request().host();
      mounted = blocking(ctx, () -> repositoryBlobs.mount(name, from, host, d));
    }
    return mounted.compose(done -> {
      if (done) {
        return created(ctx, name, RegistryDigests.parse(mount));
      }
      if (digest == null) {
        return blocking(ctx, () -> uploads.create(name)).compose(id -> accepted(ctx, name, id, 0, 202));
      }
      Digest expected = RegistryDigests.parse(digest);
      return blocking(ctx, () -> uploads.create(name))
          .compose(id -> receive(ctx, name, id, -1).compose(size -> complete(ctx, name, id, () -> expected))
              .onFailure(e -> cancelQuietly(name, id)))
          .compose(d -> created(ctx, name, d));
    });
  }

  /** PATCH: one chunk, placed by {@code Content-Range} or streamed onto the end. */
  private Future<Void> chunk(RoutingContext ctx) {
    String name = RegistryService.validName(ctx.pathParam("name"));
    String id = ctx.pathParam("id");
    long start = rangeStart(ctx.request().getHeader("Content-Range"));
    return receive(ctx, name, id, start).compose(size -> accepted(ctx, name, id, size, 202));
  }

  /** PUT {@code ?digest=}: the last chunk (if any), then verification and publication. */
  private Future<Void> finish(RoutingContext ctx) {
    String name = RegistryService.validName(ctx.pathParam("name"));
    String id = ctx.pathParam("id");
    String digest = param(ctx, "digest");
    String range = ctx.request().getHeader("Content-Range");
    if (range == null && !hasBody(ctx.request())) {
      // The usual PUT (after the PATCHes): no bytes to place, so the session check, verification
      // and publication are one worker step.
      return complete(ctx, name, id, () -> {
        uploads.size(name, id);
        return expected(digest);
      }).compose(d -> created(ctx, name, d));
    }
    return blocking(ctx, () -> uploads.size(name, id)).compose(exists -> {
      Digest expected = expected(digest);
      return receive(ctx, name, id, rangeStart(range)).compose(size -> complete(ctx, name, id, () -> expected));
    }).compose(d -> created(ctx, name, d));
  }

  private static Digest expected(String digest) {
    if (digest == null) {
      throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("reason", "the digest query parameter is required"));
    }
    return RegistryDigests.parse(digest);
  }

  /** False only when the request says it carries no body (no length or a zero one, not chunked). */
  private static boolean hasBody(HttpServerRequest request) {
    String length = request.getHeader("Content-Length");
    if (request.getHeader("Transfer-Encoding") != null) {
      return true;
    }
    return length != null && !length.trim().equals("0");
  }

  /** Streams the request body onto the end of session {@code id}; its new size. */
  private Future<Long> receive(RoutingContext ctx, String name, String id, long start) {
    return blocking(ctx, () -> uploads.begin(name, id, start)).compose(append ->
        ChunkReceiver.receive(ctx.request(), append).transform(done -> {
          if (done.failed()) {
            append.abort();
            return Future.failedFuture(done.cause());
          }
          return blocking(ctx, append::finish);
        }));
  }

  /**
   * Verifies the session against the expected digest (worked out on the worker, after any checks
   * {@code expected} makes), publishes the blob and links it into {@code name}.
   */
  private Future<Digest> complete(RoutingContext ctx, String name, String id, Callable<Digest> expected) {
    return blocking(ctx, () -> {
      Digest want = expected.call();
      try {
        return uploads.complete(name, id, want).digest();
      } catch (BlobDigestMismatchException e) {
        throw new RegistryException(RegistryErrorCode.DIGEST_INVALID, Map.of("digest", want.toString(), "reason", e.getMessage()));
      }
    }).compose(d -> future(ctx, repositoryBlobs.linkAsync(name, d)).map(v -> d));
  }

  /**
   * GET or HEAD of a blob, with one {@code Range} on GET; the bytes go out with sendFile. A blob
   * linked into the repository is found without a worker hop: the stat is a metadata lookup and
   * the link one prepared statement; only names of Docker images take the blocking path.
   */
  private Future<Void> serve(RoutingContext ctx, boolean body) {
    String name = ctx.pathParam("name");
    String digest = ctx.pathParam("digest");
    String host = ctx.request().host();
    String rangeHeader = body ? ctx.request().getHeader("Range") : null;
    Future<BlobInfo> found;
    if (RegistryService.isValidName(name)) {
      Digest d = RegistryDigests.parse(digest);
      found = stat(d, digest).compose(info -> future(ctx, repositoryBlobs.linked(name, d)).compose(linked -> linked
          ? Future.succeededFuture(info)
          : blocking(ctx, () -> {
            if (!registry.isImageRepository(name, host)) {
              throw unknownBlob(digest);
            }
            return info;
          })));
    } else {
      found = blocking(ctx, () -> {
        if (!registry.isImageRepository(name, host)) {
          RegistryService.validName(name);
        }
        return repositoryBlobs.find(name, host, RegistryDigests.parse(digest)).orElseThrow(() -> unknownBlob(digest));
      });
    }
    return found.compose(info -> {
      ByteRange range = ByteRange.parse(rangeHeader, info.size());
      HttpServerResponse r = ctx.response()
          .putHeader("Content-Type", OCTETS)
          .putHeader("Accept-Ranges", "bytes")
          .putHeader(RegistryResource.DIGEST_HEADER, info.digest().toString())
          .putHeader(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION);
      if (!body) {
        return r.putHeader("Content-Length", Long.toString(info.size())).end();
      }
      String file = blobs.pathOf(info.digest()).toString();
      if (range == null) {
        return r.sendFile(file, 0, info.size());
      }
      return r.setStatusCode(206).putHeader("Content-Range", range.contentRange(info.size()))
          .sendFile(file, range.start(), range.length());
    });
  }

  /** The blob's size from its file's metadata, on the calling (event loop) thread: one stat(2). */
  private Future<BlobInfo> stat(Digest d, String digest) {
    try {
      return blobs.stat(d).map(Future::succeededFuture).orElseGet(() -> Future.failedFuture(unknownBlob(digest)));
    } catch (IOException e) {
      return Future.failedFuture(e);
    }
  }

  private static RegistryException unknownBlob(String digest) {
    return new RegistryException(RegistryErrorCode.BLOB_UNKNOWN, Map.of("digest", digest));
  }

  private static long rangeStart(String range) {
    if (range == null || range.isBlank()) {
      return -1;
    }
    Matcher m = CONTENT_RANGE.matcher(range.trim());
    if (!m.matches() || Long.parseLong(m.group(2)) < Long.parseLong(m.group(1))) {
      throw new RegistryException(RegistryErrorCode.BLOB_UPLOAD_INVALID, Map.of("contentRange", range), 416);
    }
    return Long.parseLong(m.group(1));
  }

  private void cancelQuietly(String name, String id) {
    try {
      uploads.cancel(name, id);
    } catch (Exception e) {
      LOG.debugf(e, "could not end upload session %s", id);
    }
  }

  private static Future<Void> accepted(RoutingContext ctx, String name, String id, long size, int status) {
    return finished(ctx).setStatusCode(status)
        .putHeader("Location", "/v2/" + name + "/blobs/uploads/" + id)
        .putHeader("Range", "0-" + Math.max(0, size - 1))
        .putHeader("Docker-Upload-UUID", id)
        .putHeader("Content-Length", "0")
        .putHeader(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION)
        .end();
  }

  private static Future<Void> created(RoutingContext ctx, String name, Digest digest) {
    return finished(ctx).setStatusCode(201)
        .putHeader("Location", "/v2/" + name + "/blobs/" + digest)
        .putHeader(RegistryResource.DIGEST_HEADER, digest.toString())
        .putHeader("Content-Length", "0")
        .putHeader(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION)
        .end();
  }

  /**
   * The response, after making sure the request body (if it was not read) is discarded rather
   * than left paused: a paused body would stall the next request on the kept-alive connection.
   */
  private static HttpServerResponse finished(RoutingContext ctx) {
    HttpServerRequest request = ctx.request();
    if (!request.isEnded()) {
      request.handler(b -> { }).resume();
    }
    return ctx.response();
  }

  /** Runs a handler step, turning every failure (thrown or in the future) into the spec's error body. */
  private static void guarded(RoutingContext ctx, java.util.function.Function<RoutingContext, Future<Void>> step) {
    Future<Void> f;
    try {
      f = step.apply(ctx);
    } catch (RuntimeException e) {
      f = Future.failedFuture(e);
    }
    f.onFailure(e -> fail(ctx, e));
  }

  private static void fail(RoutingContext ctx, Throwable e) {
    RegistryException error = null;
    if (e instanceof RegistryException r) {
      error = r;
    } else if (e instanceof UploadUnknownException) {
      error = new RegistryException(RegistryErrorCode.BLOB_UPLOAD_UNKNOWN, Map.of("uuid", String.valueOf(ctx.pathParam("id"))));
    } else if (e instanceof UploadRangeException r) {
      error = new RegistryException(RegistryErrorCode.BLOB_UPLOAD_INVALID,
          Map.of("contentRange", String.valueOf(ctx.request().getHeader("Content-Range")), "size", r.size()), 416);
    }
    HttpServerResponse response = finished(ctx);
    if (response.headWritten() || response.closed()) {
      LOG.debugf(e, "%s %s failed after its answer began", ctx.request().method(), ctx.request().path());
      return;
    }
    int status = 500;
    String body;
    if (error != null) {
      status = error.status();
      body = Json.encode(RegistryErrorMapper.body(error));
    } else {
      LOG.errorf(e, "%s %s failed", ctx.request().method(), ctx.request().path());
      body = "{\"errors\":[{\"code\":\"UNKNOWN\",\"message\":\"unknown error\",\"detail\":null}]}";
    }
    response.setStatusCode(status)
        .putHeader("Content-Type", "application/json")
        .putHeader(RegistryResource.API_VERSION_HEADER, RegistryResource.API_VERSION)
        .end(body);
  }

  private static String param(RoutingContext ctx, String name) {
    var values = ctx.queryParam(name);
    return values.isEmpty() ? null : values.get(0);
  }

  /** A Mutiny step as a Vert.x future completing on the request's context. */
  private static <T> Future<T> future(RoutingContext ctx, Uni<T> step) {
    return Future.fromCompletionStage(step.subscribeAsCompletionStage(), ctx.vertx().getOrCreateContext());
  }

  private static <T> Future<T> blocking(RoutingContext ctx, Callable<T> step) {
    return ctx.vertx().executeBlocking(step, false);
  }
}
