package io.berth.oci;

import com.sun.jna.Memory;
import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Pointer;
import java.security.MessageDigest;

/**
 * SHA-256 by the system's libcrypto (OpenSSL), through JNA. The services run on the C1 JIT only
 * (see the launcher's JVM options), and the JDK's SHA-256 uses the CPU's SHA instructions only
 * from C2-compiled code: C1 hashes at ~110 MiB/s on these machines, libcrypto at ~1.2 GiB/s
 * under any JIT. Blob uploads, imports and layer unpacking hash every byte, so this keeps them
 * fast without C2 (whose compilations cost every service CPU for its first few hundred requests).
 *
 * <p>Small updates (a tar reader's 512-byte records) are gathered into a buffer so each native
 * call carries at least a few KiB. Not thread-safe, like every {@link MessageDigest}.
 */
final class NativeSha256 extends MessageDigest implements Cloneable {
  /** sizeof(SHA256_CTX) is 112 on every OpenSSL ABI; rounded up. */
  private static final int CTX_BYTES = 128;
  private static final int CHUNK = 64 * 1024;
  private static final int GATHER = 8 * 1024;
  /** Native staging memory for the array being hashed, one per thread that hashes. */
  private static final ThreadLocal<Memory> STAGING = ThreadLocal.withInitial(() -> new Memory(CHUNK));

  private Memory ctx = new Memory(CTX_BYTES);
  private byte[] gathered = new byte[GATHER];
  private int gatheredLength;

  NativeSha256() {
    super("SHA-256");
    engineReset();
  }

  /** Whether libcrypto was found and bound; when not, {@link Digest#newSha256()} uses the JDK's. */
  static boolean available() {
    return LibCrypto.BOUND;
  }

  @Override
  protected int engineGetDigestLength() {
    return 32;
  }

  @Override
  protected void engineUpdate(byte input) {
    if (gatheredLength == GATHER) {
      flush();
    }
    gathered[gatheredLength++] = input;
  }

  @Override
  protected void engineUpdate(byte[] input, int offset, int length) {
    if (length < GATHER) {
      if (gatheredLength + length > GATHER) {
        flush();
      }
      System.arraycopy(input, offset, gathered, gatheredLength, length);
      gatheredLength += length;
      return;
    }
    flush();
    hash(input, offset, length);
  }

  @Override
  protected byte[] engineDigest() {
    flush();
    byte[] out = new byte[32];
    check(LibCrypto.SHA256_Final(out, ctx));
    engineReset();
    return out;
  }

  @Override
  protected void engineReset() {
    gatheredLength = 0;
    check(LibCrypto.SHA256_Init(ctx));
  }

  @Override
  public Object clone() throws CloneNotSupportedException {
    NativeSha256 copy = (NativeSha256) super.clone();
    copy.ctx = new Memory(CTX_BYTES);
    copy.ctx.write(0, ctx.getByteArray(0, CTX_BYTES), 0, CTX_BYTES);
    copy.gathered = gathered.clone();
    return copy;
  }

  private void flush() {
    if (gatheredLength > 0) {
      hash(gathered, 0, gatheredLength);
      gatheredLength = 0;
    }
  }

  private void hash(byte[] input, int offset, int length) {
    Memory staging = STAGING.get();
    while (length > 0) {
      int n = Math.min(length, CHUNK);
      staging.write(0, input, offset, n);
      check(LibCrypto.SHA256_Update(ctx, staging, n));
      offset += n;
      length -= n;
    }
  }

  private static void check(int ok) {
    if (ok != 1) {
      throw new IllegalStateException("libcrypto SHA-256 failed");
    }
  }

  /** Direct-mapped libcrypto functions (cheaper per call than an interface proxy). */
  private static final class LibCrypto {
    static final boolean BOUND = bind();

    static native int SHA256_Init(Pointer ctx);

    static native int SHA256_Update(Pointer ctx, Pointer data, long length);

    static native int SHA256_Final(byte[] digest, Pointer ctx);

    private static boolean bind() {
      // "crypto" needs the unversioned link (libssl-dev); the runtime package has only .so.3.
      for (String name : new String[] {"crypto", "libcrypto.so.3"}) {
        try {
          Native.register(LibCrypto.class, NativeLibrary.getInstance(name));
          return true;
        } catch (UnsatisfiedLinkError | RuntimeException e) {
          // try the next name; without libcrypto the JDK's SHA-256 is used
        }
      }
      return false;
    }
  }
}
