package io.berth.node.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DetachKeysTest {

  @Test
  void defaultIsCtrlPCtrlQEvenSplitAcrossChunks() {
    DetachKeys.Scanner s = DetachKeys.parse(null).scanner();
    DetachKeys.Scan first = s.feed(new byte[] {'l', 's', 0x10});
    assertArrayEquals(new byte[] {'l', 's'}, first.forward(), "ctrl-p is held back: it may start the sequence");
    assertFalse(first.detached());
    DetachKeys.Scan second = s.feed(new byte[] {0x11, 'x'});
    assertTrue(second.detached());
    assertEquals(0, second.forward().length);
  }

  @Test
  void aBrokenSequenceIsPassedOnAsOrdinaryInput() {
    DetachKeys.Scanner s = DetachKeys.parse("").scanner();
    DetachKeys.Scan scan = s.feed(new byte[] {0x10, 'a', 0x10, 0x10, 0x11});
    assertArrayEquals(new byte[] {0x10, 'a', 0x10}, scan.forward());
    assertTrue(scan.detached());
  }

  @Test
  void customKeysAsDockerSpellsThem() {
    assertTrue(DetachKeys.parse("ctrl-x").scanner().feed(new byte[] {0x18}).detached());
    assertTrue(DetachKeys.parse("a,ctrl-@,ctrl-[").scanner().feed(new byte[] {'a', 0, 27}).detached());
    assertFalse(DetachKeys.parse("ctrl-x").scanner().feed(new byte[] {'x'}).detached());
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("ctrl-1"));
    assertEquals("Invalid detach keys (ctrl-1) provided", e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> DetachKeys.parse("shift-a"));
  }
}
