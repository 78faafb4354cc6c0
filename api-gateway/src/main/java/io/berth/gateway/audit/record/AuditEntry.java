package io.berth.gateway.audit.record;

import io.berth.events.audit.v1.AuditRecorded;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * One audited call before it has a place in the chain: who, what, when, from where and with which
 * result. {@link #chain} gives it its sequence number and hashes.
 */
public record AuditEntry(
    Instant recordedAt, String actor, String tokenId, String role, String transport, String peer,
    String method, String path, String action, String objectType, String objectId, int status,
    String reason) {

  public AuditEntry {
    // PostgreSQL keeps microseconds: a time read back must hash the same as the one written.
    recordedAt = recordedAt.truncatedTo(ChronoUnit.MICROS);
  }

  /** This entry as record {@code seq} of the chain, after the record whose hash is {@code prevHash}. */
  public AuditRecorded chain(long seq, String prevHash) {
    return new AuditRecorded(seq, recordedAt, actor, tokenId, role, transport, peer, method, path,
        action, objectType, objectId, status, reason, prevHash, ChainHash.of(seq, this, prevHash));
  }

  /** The entry a stored record was made from (to recompute its hash). */
  public static AuditEntry of(AuditRecorded r) {
    return new AuditEntry(r.recordedAt(), r.actor(), r.tokenId(), r.role(), r.transport(), r.peer(),
        r.method(), r.path(), r.action(), r.objectType(), r.objectId(), r.status(), r.reason());
  }
}
