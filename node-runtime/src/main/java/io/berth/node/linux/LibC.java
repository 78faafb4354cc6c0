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

  // Sockets, for the OCI console socket (the runtime sends a terminal's master fd over it).
  int AF_UNIX = 1;
  int SOCK_STREAM = 1;
  int SOCK_CLOEXEC = 02000000;
  int SOL_SOCKET = 1;
  int SCM_RIGHTS = 1;
  long TIOCSWINSZ = 0x5414;
  short POLLIN = 0x1;

  int SOCK_SEQPACKET = 5;
  int SHUT_WR = 1;
  int O_WRONLY = 01;
  int O_NONBLOCK = 04000;
  int O_CLOEXEC = 02000000;
  int O_PATH = 010000000;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  int connect(int fd, com.sun.jna.Pointer addr, int addrlen) throws LastErrorException;

  int shutdown(int fd, int how) throws LastErrorException;

  int open(String path, int flags) throws LastErrorException;

  int bind(int fd, com.sun.jna.Pointer addr, int addrlen) throws LastErrorException;

  int listen(int fd, int backlog) throws LastErrorException;

  int accept4(int fd, com.sun.jna.Pointer addr, com.sun.jna.Pointer addrlen, int flags) throws LastErrorException;

  NativeLong recvmsg(int fd, com.sun.jna.Pointer msghdr, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  NativeLong read(int fd, byte[] buf, NativeLong count) throws LastErrorException;

  NativeLong write(int fd, byte[] buf, NativeLong count) throws LastErrorException;

  int ioctl(int fd, NativeLong request, com.sun.jna.Pointer arg) throws LastErrorException;

  int poll(com.sun.jna.Pointer fds, NativeLong nfds, int timeout) throws LastErrorException;
}
