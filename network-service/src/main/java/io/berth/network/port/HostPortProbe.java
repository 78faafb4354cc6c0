package io.berth.network.port;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/**
 * Whether a host port is free on this machine, by binding it for a moment: a port some other
 * program listens on must be refused ("port is already allocated") before a container is wired
 * to it. network-service runs on the node it serves, so this is the node's view.
 */
@ApplicationScoped
public class HostPortProbe {
  public boolean isFree(String hostIp, int port, String protocol) {
    try {
      InetAddress addr = InetAddress.getByName(hostIp == null || hostIp.isEmpty() ? "0.0.0.0" : hostIp);
      if ("udp".equals(protocol)) {
        try (DatagramSocket s = new DatagramSocket(null)) {
          s.setReuseAddress(false);
          s.bind(new InetSocketAddress(addr, port));
        }
      } else {
        try (ServerSocket s = new ServerSocket()) {
          s.setReuseAddress(true); // a TIME_WAIT leftover is no owner
          s.bind(new InetSocketAddress(addr, port));
        }
      }
      return true;
    } catch (IOException e) {
      return false;
    }
  }
}
