package io.berth.gateway.audit.record;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The tamper evidence of the audit trail: each record's hash is SHA-256 over a canonical form of
 * the record that includes the previous record's hash, so changing, removing or reordering any
 * stored record breaks every hash after it.
 *
 * <p>The canonical form is a JSON array of the fields in a fixed order, led by a format number so
 * it can change later without breaking old chains. An array (not an object) leaves no room for
 * key order or whitespace to differ; Jackson escapes strings one way only.
 */
public final class ChainHash {

  /** prev_hash of the first record. */
  public static final String GENESIS = "0".repeat(64);

  static final int FORMAT = 1;
  private static final ObjectMapper JSON = new ObjectMapper();

  private ChainHash() {}

  public static String of(long seq, AuditEntry e, String prevHash) {
    return sha256(canonical(seq, e, prevHash));
  }

  static String canonical(long seq, AuditEntry e, String prevHash) {
    ArrayNode a = JSON.createArrayNode();
    a.add(FORMAT).add(seq).add(e.recordedAt().toString()).add(e.actor()).add(e.tokenId()).add(e.role())
        .add(e.transport()).add(e.peer()).add(e.method()).add(e.path()).add(e.action())
        .add(e.objectType()).add(e.objectId()).add(e.status()).add(e.reason()).add(prevHash);
    try {
      return JSON.writeValueAsString(a);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
  }

  private static String sha256(String text) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(md.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException ex) {
      throw new IllegalStateException("the JDK always has SHA-256", ex);
    }
  }
}
