package io.berth.node.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsMessageTest {
  static byte[] query(String name, int type) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(new byte[] {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0});
    for (String label : name.split("\\.")) {
      out.write(label.length());
      out.writeBytes(label.getBytes());
    }
    out.write(0);
    out.writeBytes(new byte[] {0, (byte) type, 0, 1});
    return out.toByteArray();
  }

  @Test
  void readsTheQuestionAndAnswersWithARecords() {
    byte[] q = query("Web.Example", 1);
    DnsMessage.Question question = DnsMessage.question(q, q.length).orElseThrow();
    assertEquals("web.example", question.name());
    assertEquals(1, question.type());
    byte[] a = DnsMessage.answer(q, question, List.of(new byte[] {(byte) 172, 18, 0, 2}), 600);
    assertEquals(0x12, a[0]);
    assertEquals(0x34, a[1]);
    assertTrue((a[2] & 0x80) != 0, "QR set");
    assertEquals(1, a[7], "one answer");
    byte[] rdata = java.util.Arrays.copyOfRange(a, a.length - 4, a.length);
    assertArrayEquals(new byte[] {(byte) 172, 18, 0, 2}, rdata);
  }

  @Test
  void rejectsResponsesAndTruncatedPackets() {
    byte[] q = query("web", 1);
    q[2] = (byte) 0x81;
    assertTrue(DnsMessage.question(q, q.length).isEmpty());
    assertTrue(DnsMessage.question(new byte[5], 5).isEmpty());
  }
}
