package io.berth.node.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/** The few libc calls node-runtime needs that the JDK does not offer. */
public interface LibC extends Library {
  LibC INSTANCE = Native.load("c", LibC.class);

  int S_IFCHR = 0020000;
  int S_IFBLK = 0060000;
  int S_IFIFO = 0010000;

  long MS_RDONLY = 1;
  int MNT_DETACH = 2;
  int XATTR_CREATE = 1;
  int AT_FDCWD = -100;
  int AT_SYMLINK_NOFOLLOW = 0x100;
  long UTIME_OMIT = (1L << 30) - 2;

  int mount(String source, String target, String fstype, NativeLong flags, String data)
      throws LastErrorException;

  int umount2(String target, int flags) throws LastErrorException;

  int mknod(String path, int mode, long dev) throws LastErrorException;

  int chmod(String path, int mode) throws LastErrorException;

  int lsetxattr(String path, String name, byte[] value, NativeLong size, int flags)
      throws LastErrorException;

  NativeLong lgetxattr(String path, String name, byte[] value, NativeLong size)
      throws LastErrorException;

  int utimensat(int dirfd, String path, long[] times, int flags) throws LastErrorException;

  int kill(int pid, int signal) throws LastErrorException;

  String strerror(int errnum);
}
