package io.berth.events.audit.v1;

import io.berth.events.EventData;
import java.time.Instant;
import java.util.Objects;

/**
 * Fact: api-gateway committed one record of its audit trail (a state-changing or denied API call).
 * Type {@code io.berth.audit.recorded.v1}. Every record is keyed by {@link #CHAIN}, so the whole
 * trail is on one partition in chain order and a consumer can verify {@code prevHash} → {@code hash}
 * as it reads.
 *
 * @param seq the record's place in the chain (1, 2, ...)
 * @param recordedAt when the outcome was known
 * @param actor the caller's name ("anonymous" when nobody authenticated it)
 * @param tokenId the caller's token id (optional: none on the unix socket)
 * @param role the caller's role (optional)
 * @param transport "unix", "tcp" or "tls"
 * @param peer the remote address or the socket path (optional)
 * @param method the HTTP method
 * @param path the request path as the client sent it (with its /vX.Y prefix)
 * @param action what was asked, e.g. {@code container.delete}
 * @param objectType container, image, network, volume, exec, webhook, ... (optional)
 * @param objectId the object's id or name from the path (optional)
 * @param status the HTTP status answered (101 for a hijacked stream, 0 if none was sent)
 * @param reason why the call was denied (optional: only for 401/403 denials)
 * @param prevHash the previous record's hash (64 zeros for the first)
 * @param hash SHA-256 of this record's canonical form and prevHash
 */
public record AuditRecorded(
    long seq, Instant recordedAt, String actor, String tokenId, String role, String transport,
    String peer, String method, String path, String action, String objectType, String objectId,
    int status, String reason, String prevHash, String hash) implements EventData {

  /** The subject and Kafka key of every record: one chain, one partition, in order. */
  public static final String CHAIN = "audit";

  public AuditRecorded {
    Objects.requireNonNull(recordedAt, "recordedAt");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(prevHash, "prevHash");
    Objects.requireNonNull(hash, "hash");
  }
}
