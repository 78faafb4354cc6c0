package io.berth.node.net;

import java.io.ByteArrayOutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The little of the DNS wire format (RFC 1035) the embedded resolver needs: read a query's single
 * question, and build an answer with A records for it.
 */
public final class DnsMessage {
  public static final int TYPE_A = 1;
  private static final int HEADER = 12;

  /** A query's question: lower-case name without the final dot, its type, and where it ends. */
  public record Question(String name, int type, int end) {}

  private DnsMessage() {}

  /** The question of {@code q}, or empty when it is not a plain one-question query. */
  public static Optional<Question> question(byte[] q, int length) {
    if (length < HEADER + 5 || (q[2] & 0x80) != 0 || u16(q, 4) != 1) {
      return Optional.empty();
    }
    StringBuilder name = new StringBuilder();
    int i = HEADER;
    while (i < length) {
      int len = q[i] & 0xFF;
      if (len == 0) {
        i++;
        break;
      }
      if ((len & 0xC0) != 0 || i + 1 + len > length) {
        return Optional.empty();
      }
      if (name.length() > 0) {
        name.append('.');
      }
      name.append(new String(q, i + 1, len, java.nio.charset.StandardCharsets.US_ASCII));
      i += 1 + len;
    }
    if (i + 4 > length) {
      return Optional.empty();
    }
    return Optional.of(new Question(name.toString().toLowerCase(Locale.ROOT), u16(q, i), i + 4));
  }

  /** An answer to {@code query} carrying {@code addresses} (4 bytes each) as A records. */
  public static byte[] answer(byte[] query, Question question, List<byte[]> addresses, int ttl) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(query[0]);
    out.write(query[1]);
    out.write(0x84 | (query[2] & 0x01)); // QR, AA, RD copied
    out.write(0x80); // RA, NOERROR
    write16(out, 1);
    write16(out, addresses.size());
    write16(out, 0);
    write16(out, 0);
    out.write(query, HEADER, question.end() - HEADER);
    for (byte[] a : addresses) {
      write16(out, 0xC00C); // the name of the question
      write16(out, TYPE_A);
      write16(out, 1);
      write16(out, ttl >>> 16);
      write16(out, ttl & 0xFFFF);
      write16(out, 4);
      out.write(a, 0, 4);
    }
    return out.toByteArray();
  }

  private static int u16(byte[] b, int i) {
    return ((b[i] & 0xFF) << 8) | (b[i + 1] & 0xFF);
  }

  private static void write16(ByteArrayOutputStream out, int v) {
    out.write((v >> 8) & 0xFF);
    out.write(v & 0xFF);
  }
}
