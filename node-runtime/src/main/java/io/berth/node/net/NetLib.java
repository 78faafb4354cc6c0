package io.berth.node.net;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/** The libc calls of network wiring: netlink sockets and switching a thread's network namespace. */
interface NetLib extends Library {
  NetLib INSTANCE = Native.load("c", NetLib.class);

  int O_RDONLY = 0;
  int O_CLOEXEC = 02000000;
  int CLONE_NEWNET = 0x40000000;

  int socket(int domain, int type, int protocol) throws LastErrorException;

  NativeLong send(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

  NativeLong recv(int fd, byte[] buf, NativeLong len, int flags) throws LastErrorException;

  int setsockopt(int fd, int level, int name, int[] value, int len) throws LastErrorException;

  int open(String path, int flags) throws LastErrorException;

  int close(int fd) throws LastErrorException;

  int unshare(int flags) throws LastErrorException;

  int setns(int fd, int nstype) throws LastErrorException;

  String strerror(int errnum);
}
