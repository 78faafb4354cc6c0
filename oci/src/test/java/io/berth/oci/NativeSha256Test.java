package io.berth.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.MessageDigest;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NativeSha256Test {
  private final Random random = new Random(42);

  @Test
  void isTheHasherOnTheseMachines() {
    // Debian always has libcrypto (PostgreSQL needs it): a silent fallback would be a 10x slower hash.
    assertTrue(NativeSha256.available());
    assertInstanceOf(NativeSha256.class, Digest.newSha256());
  }

  @Test
  void matchesTheJdkForAnySplitOfTheInput() throws Exception {
    for (int size : new int[] {0, 1, 55, 64, 511, 8191, 8192, 8193, 65535, 65536, 65537, 300_000}) {
      byte[] data = new byte[size];
      random.nextBytes(data);
      MessageDigest ours = new NativeSha256();
      int at = 0;
      while (at < size) { // updates of mixed sizes, single bytes included
        int n = Math.min(size - at, random.nextInt(4) == 0 ? 1 : random.nextInt(100_000));
        if (n == 1) {
          ours.update(data[at]);
        } else {
          ours.update(data, at, n);
        }
        at += n;
      }
      assertArrayEquals(jdk().digest(data), ours.digest(), "size " + size);
    }
  }

  @Test
  void resetsAfterDigestAndClonesMidStream() throws Exception {
    byte[] a = new byte[20_000];
    byte[] b = new byte[3_000];
    random.nextBytes(a);
    random.nextBytes(b);
    MessageDigest ours = new NativeSha256();
    ours.update(a, 0, 100); // still gathered, not yet hashed
    ours.update(a, 100, a.length - 100);
    MessageDigest copy = (MessageDigest) ours.clone();
    ours.update(b);
    MessageDigest jdk = jdk();
    jdk.update(a);
    assertArrayEquals(jdk.digest(), copy.digest(), "the clone keeps the state at the clone");
    jdk.update(a);
    jdk.update(b);
    assertArrayEquals(jdk.digest(), ours.digest(), "the original goes on unaffected");
    assertArrayEquals(jdk().digest(b), ours.digest(b), "digest() resets");
  }

  private static MessageDigest jdk() throws Exception {
    return MessageDigest.getInstance("SHA-256", "SUN");
  }
}
