package io.berth.node.linux;

import com.sun.jna.LastErrorException;
import com.sun.jna.NativeLong;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** Checked, errno-describing wrappers over {@link LibC}. */
public final class Syscalls {
  public static final int ENOENT = 2;
  public static final int ESRCH = 3;
  public static final int EBUSY = 16;
  public static final int EINVAL = 22;
  public static final int ENODATA = 61;

  private Syscalls() {}

  /** An errno-carrying failure of a system call. */
  public static final class ErrnoException extends IOException {
    private final int errno;

    ErrnoException(String call, int errno) {
      super(call + ": " + LibC.INSTANCE.strerror(errno) + " (errno " + errno + ")");
      this.errno = errno;
    }

    public int errno() {
      return errno;
    }
  }

  public static void mount(String source, Path target, String type, long flags, String data)
      throws ErrnoException {
    try {
      LibC.INSTANCE.mount(source, target.toString(), type, new NativeLong(flags), data);
    } catch (LastErrorException e) {
      throw new ErrnoException("mount " + type + " on " + target, e.getErrorCode());
    }
  }

  public static void umount(Path target, int flags) throws ErrnoException {
    try {
      LibC.INSTANCE.umount2(target.toString(), flags);
    } catch (LastErrorException e) {
      throw new ErrnoException("umount " + target, e.getErrorCode());
    }
  }

  /** Creates a device node or fifo; {@code mode} includes the file type bits. */
  public static void mknod(Path path, int mode, int major, int minor) throws ErrnoException {
    try {
      LibC.INSTANCE.mknod(path.toString(), mode, makedev(major, minor));
    } catch (LastErrorException e) {
      throw new ErrnoException("mknod " + path, e.getErrorCode());
    }
  }

  /** chmod including the setuid, setgid and sticky bits, which the JDK cannot set. */
  public static void chmod(Path path, int mode) throws ErrnoException {
    try {
      LibC.INSTANCE.chmod(path.toString(), mode & 07777);
    } catch (LastErrorException e) {
      throw new ErrnoException("chmod " + path, e.getErrorCode());
    }
  }

  /** Sets an extended attribute without following a symlink at {@code path}. */
  public static void lsetxattr(Path path, String name, byte[] value) throws ErrnoException {
    try {
      LibC.INSTANCE.lsetxattr(path.toString(), name, value, new NativeLong(value.length), 0);
    } catch (LastErrorException e) {
      throw new ErrnoException("setxattr " + name + " on " + path, e.getErrorCode());
    }
  }

  /** Reads an extended attribute as UTF-8, or null when absent. */
  public static String lgetxattr(Path path, String name) throws ErrnoException {
    byte[] buf = new byte[4096];
    try {
      int n =
          (int) LibC.INSTANCE.lgetxattr(path.toString(), name, buf, new NativeLong(buf.length))
              .longValue();
      return new String(buf, 0, n, StandardCharsets.UTF_8);
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ENODATA) {
        return null;
      }
      throw new ErrnoException("getxattr " + name + " on " + path, e.getErrorCode());
    }
  }

  /**
   * Sets the mtime (atime untouched) without opening the file or following a symlink; the JDK's
   * setTimes opens the file, which blocks forever on a fifo.
   */
  public static void lsetMtime(Path path, java.time.Instant mtime) throws ErrnoException {
    long[] times = {0, LibC.UTIME_OMIT, mtime.getEpochSecond(), mtime.getNano()};
    try {
      LibC.INSTANCE.utimensat(LibC.AT_FDCWD, path.toString(), times, LibC.AT_SYMLINK_NOFOLLOW);
    } catch (LastErrorException e) {
      throw new ErrnoException("utimensat " + path, e.getErrorCode());
    }
  }

  /** Sends a signal; false when the process no longer exists. */
  public static boolean kill(int pid, int signal) throws ErrnoException {
    try {
      LibC.INSTANCE.kill(pid, signal);
      return true;
    } catch (LastErrorException e) {
      if (e.getErrorCode() == ESRCH) {
        return false;
      }
      throw new ErrnoException("kill " + pid, e.getErrorCode());
    }
  }

  /** glibc's gnu_dev_makedev. */
  static long makedev(int major, int minor) {
    long ma = major & 0xffffffffL;
    long mi = minor & 0xffffffffL;
    return ((ma & 0xfffff000L) << 32) | ((ma & 0xfffL) << 8) | ((mi & 0xffffff00L) << 12) | (mi & 0xffL);
  }
}
