package io.berth.gateway.audit.query;

import io.berth.events.audit.v1.AuditRecorded;
import io.berth.gateway.audit.record.AuditEntry;
import io.berth.gateway.audit.record.ChainHash;
import io.berth.gateway.audit.trail.AuditRepository;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Walks the whole chain from the first record: every record must follow the one before (seq + 1,
 * prev_hash = its hash) and hash to what it stores. Answers the first record where that fails.
 */
@ApplicationScoped
public class ChainVerifier {

  static final int BATCH = 1000;

  /** The walk's answer; {@code firstBrokenSeq} and {@code reason} only when not valid. */
  public record Verification(boolean valid, long records, Long firstBrokenSeq, String reason) {}

  private final AuditRepository repository;

  public ChainVerifier(AuditRepository repository) {
    this.repository = repository;
  }

  public Uni<Verification> verify() {
    return walk(0, ChainHash.GENESIS, 0);
  }

  private Uni<Verification> walk(long lastSeq, String lastHash, long checked) {
    return repository.chainAfter(lastSeq, BATCH).chain(batch -> {
      long seq = lastSeq;
      String hash = lastHash;
      long count = checked;
      for (AuditRecorded r : batch) {
        String broken = broken(r, seq, hash);
        if (broken != null) {
          return Uni.createFrom().item(new Verification(false, count, r.seq(), broken));
        }
        seq = r.seq();
        hash = r.hash();
        count++;
      }
      return batch.size() < BATCH
          ? Uni.createFrom().item(new Verification(true, count, null, null))
          : walk(seq, hash, count);
    });
  }

  /** Why {@code r} does not follow the record ({@code seq}, {@code hash}); null if it does. */
  static String broken(AuditRecorded r, long seq, String hash) {
    if (r.seq() != seq + 1) {
      return "record " + (seq + 1) + " is missing";
    }
    if (!r.prevHash().equals(hash)) {
      return "prev_hash does not match the hash of record " + seq;
    }
    if (!ChainHash.of(r.seq(), AuditEntry.of(r), r.prevHash()).equals(r.hash())) {
      return "the record does not match its hash";
    }
    return null;
  }

}
