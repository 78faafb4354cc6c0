package io.berth.node.linux;

import com.sun.jna.Memory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A {@code struct sockaddr_un} for a path name. */
final class UnixAddress {
  static final int SUN_PATH_MAX = 108;

  final Memory memory;
  final int length;

  private UnixAddress(Memory memory, int length) {
    this.memory = memory;
    this.length = length;
  }

  /** The address of {@code path}, which must be shorter than 108 bytes. */
  static UnixAddress of(String path) throws IOException {
    byte[] name = path.getBytes(StandardCharsets.UTF_8);
    if (name.length >= SUN_PATH_MAX) {
      throw new IOException("unix socket path too long: " + path);
    }
    Memory addr = new Memory(2 + SUN_PATH_MAX);
    addr.clear();
    addr.setShort(0, (short) LibC.AF_UNIX);
    addr.write(2, name, 0, name.length);
    return new UnixAddress(addr, 2 + name.length + 1);
  }
}
