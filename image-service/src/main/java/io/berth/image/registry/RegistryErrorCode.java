package io.berth.image.registry;

import jakarta.ws.rs.core.Response.Status;

/**
 * The OCI Distribution error codes this registry answers with, each registered once with its
 * HTTP status and the spec's message.
 *
 * @see <a href="https://github.com/opencontainers/distribution-spec/blob/main/spec.md#error-codes">error codes</a>
 */
public enum RegistryErrorCode {
  BLOB_UNKNOWN(Status.NOT_FOUND, "blob unknown to registry"),
  BLOB_UPLOAD_INVALID(Status.BAD_REQUEST, "blob upload invalid"),
  BLOB_UPLOAD_UNKNOWN(Status.NOT_FOUND, "blob upload unknown to registry"),
  DIGEST_INVALID(Status.BAD_REQUEST, "provided digest did not match uploaded content"),
  MANIFEST_BLOB_UNKNOWN(Status.BAD_REQUEST, "manifest references a manifest or blob unknown to registry"),
  MANIFEST_INVALID(Status.BAD_REQUEST, "manifest invalid"),
  MANIFEST_UNKNOWN(Status.NOT_FOUND, "manifest unknown to registry"),
  NAME_INVALID(Status.BAD_REQUEST, "invalid repository name"),
  NAME_UNKNOWN(Status.NOT_FOUND, "repository name not known to registry"),
  SIZE_INVALID(Status.BAD_REQUEST, "provided length did not match content length"),
  TAG_INVALID(Status.BAD_REQUEST, "manifest tag did not match URI"),
  UNAUTHORIZED(Status.UNAUTHORIZED, "authentication required"),
  DENIED(Status.FORBIDDEN, "requested access to the resource is denied"),
  UNSUPPORTED(Status.METHOD_NOT_ALLOWED, "the operation is unsupported");

  private final Status status;
  private final String message;

  RegistryErrorCode(Status status, String message) {
    this.status = status;
    this.message = message;
  }

  public Status status() {
    return status;
  }

  public String message() {
    return message;
  }
}
