package io.berth.gateway.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameHeaderTest {

  @Test
  void matchesTheTranscriptsHiFrame() {
    // c11: 01 00 00 00 00 00 00 03 68 69 0a
    assertArrayEquals(
        new byte[] {1, 0, 0, 0, 0, 0, 0, 3, 'h', 'i', '\n'},
        FrameHeader.frame(FrameHeader.STDOUT, "hi\n").getBytes());
  }

  @Test
  void lengthIsBigEndianUnsigned() {
    FrameHeader h = new FrameHeader(2, 0xFFFF_FFFEL);
    assertArrayEquals(new byte[] {2, 0, 0, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFE}, h.bytes());
    assertEquals(h, FrameHeader.parse(h.bytes()));
    assertEquals(new FrameHeader(1, 0x0102_0304L), FrameHeader.parse(new byte[] {1, 0, 0, 0, 1, 2, 3, 4}));
  }

  @Test
  void rejectsWhatIsNotAFrame() {
    assertThrows(IllegalArgumentException.class, () -> new FrameHeader(4, 1));
    assertThrows(IllegalArgumentException.class, () -> new FrameHeader(1, 1L << 32));
    assertThrows(IllegalArgumentException.class, () -> FrameHeader.parse(new byte[3]));
  }
}
