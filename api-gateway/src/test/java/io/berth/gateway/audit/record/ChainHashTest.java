package io.berth.gateway.audit.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.audit.v1.AuditRecorded;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ChainHashTest {

  static AuditEntry entry(String objectId) {
    return new AuditEntry(Instant.parse("2026-11-30T22:00:00.123456789Z"), "alice", "t1", "admin", "tcp",
        "127.0.0.1:1", "DELETE", "/v1.41/containers/" + objectId, "container.delete", "container", objectId, 204, null);
  }

  @Test
  void everyFieldAndThePreviousHashCount() {
    AuditRecorded first = entry("a").chain(1, ChainHash.GENESIS);
    assertTrue(first.hash().matches("[0-9a-f]{64}"));
    assertEquals(first.hash(), entry("a").chain(1, ChainHash.GENESIS).hash(), "deterministic");
    assertNotEquals(first.hash(), entry("b").chain(1, ChainHash.GENESIS).hash());
    assertNotEquals(first.hash(), entry("a").chain(2, ChainHash.GENESIS).hash());
    assertNotEquals(first.hash(), entry("a").chain(1, first.hash()).hash());
  }

  @Test
  void aRecordReadBackHashesTheSame() {
    AuditRecorded r = entry("a").chain(7, "f".repeat(64));
    // Stored with microseconds: the nanoseconds are gone before hashing, not after.
    assertEquals(Instant.parse("2026-11-30T22:00:00.123456Z"), r.recordedAt());
    assertEquals(r.hash(), ChainHash.of(r.seq(), AuditEntry.of(r), r.prevHash()));
  }

  @Test
  void nullsAndEmptyStringsDiffer() {
    AuditEntry withNull = entry("a");
    AuditEntry withEmpty = new AuditEntry(withNull.recordedAt(), "alice", "t1", "admin", "tcp", "127.0.0.1:1",
        "DELETE", withNull.path(), "container.delete", "container", "a", 204, "");
    assertNotEquals(ChainHash.canonical(1, withNull, ChainHash.GENESIS), ChainHash.canonical(1, withEmpty, ChainHash.GENESIS));
  }
}
