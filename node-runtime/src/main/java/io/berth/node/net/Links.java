package io.berth.node.net;

import io.berth.events.container.v1.ContainerNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Berth's links on the node, over netlink: bridges, and a veth pair per endpoint whose container
 * end is born inside the container's namespace. Deleting a veth costs the kernel ~15-20 ms (it
 * waits for an RCU grace period), so veths of exited containers are deleted off the exit path by a
 * reaper thread; {@link #plug} waits for it first, so an address freed by an exit is never on two
 * live interfaces of this node. Not thread-safe: the caller serializes.
 */
final class Links implements AutoCloseable {
  private static final Logger LOG = Logger.getLogger(Links.class);
  private static final int LOOPBACK_INDEX = 1; // the kernel's LOOPBACK_IFINDEX, in every namespace

  private final ExecutorService reaper = Executors.newSingleThreadExecutor(r -> {
    Thread t = new Thread(r, "berth-veth-reaper");
    t.setDaemon(true);
    return t;
  });
  private Netlink host;
  private Netlink reaperSocket;

  static String vethName(ContainerNetwork.Endpoint e) {
    return NetworkAgent.VETH_PREFIX + e.endpointId().substring(0, 12);
  }

  /** Creates {@code e}'s bridge with its gateway address, unless it exists. */
  void ensureBridge(ContainerNetwork.Endpoint e) throws IOException {
    if (host().index(e.bridge()) >= 0) {
      return;
    }
    host().addBridge(e.bridge());
    host().addAddress(host().index(e.bridge()), e.gateway(), e.prefixLen());
    // Lets DNAT-ed connections to 127.0.0.1 be routed out through the bridge (Docker does the same).
    Files.writeString(Path.of("/proc/sys/net/ipv4/conf", e.bridge(), "route_localnet"), "1");
  }

  /** Sets loopback up in a namespace just made. */
  static void loopbackUp(Netns.Handle handle) throws IOException {
    handle.inside().up(LOOPBACK_INDEX);
  }

  /**
   * A veth pair for {@code e}: the host end on the bridge, the other end {@code ifname} made inside
   * the namespace of {@code handle}, with its address (and the default route if asked).
   */
  void plug(Netns.Handle handle, ContainerNetwork.Endpoint e, String ifname, boolean route) throws IOException {
    settle();
    int master = host().index(e.bridge());
    if (master < 0) {
      throw new IOException("bridge " + e.bridge() + " is missing");
    }
    host().addVeth(vethName(e), master, ifname, e.macAddress(), handle.fd());
    int index = handle.inside().index(ifname);
    handle.inside().up(index);
    handle.inside().addAddress(index, e.ipAddress(), e.prefixLen());
    if (route) {
      handle.inside().addDefaultRoute(e.gateway(), index);
    }
  }

  /** Deletes {@code e}'s veth (both ends) now. */
  void unplug(ContainerNetwork.Endpoint e) {
    delete(vethName(e));
  }

  /** Deletes the veths of {@code endpoints} on the reaper thread. */
  void unplugLater(List<ContainerNetwork.Endpoint> endpoints) {
    List<String> veths = endpoints.stream().map(Links::vethName).toList();
    reaper.execute(() -> {
      try {
        if (reaperSocket == null) {
          reaperSocket = Netlink.open();
        }
        for (String veth : veths) {
          reaperSocket.deleteLink(veth);
        }
      } catch (IOException e) {
        LOG.warnf("cannot delete veths %s: %s", veths, e.getMessage());
      }
    });
  }

  /** Deletes link {@code name} (a bridge, a leftover); one that is gone already is no error. */
  void delete(String name) {
    try {
      host().deleteLink(name);
    } catch (IOException ex) {
      LOG.warnf("cannot delete link %s: %s", name, ex.getMessage());
    }
  }

  /** Waits until the veths handed to {@link #unplugLater} are gone. */
  void settle() {
    if (reaper.isShutdown()) {
      return; // closed: close() already waited for it
    }
    try {
      reaper.submit(() -> { }).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException e) {
      LOG.warnf("veth reaper: %s", e.getCause());
    }
  }

  private Netlink host() throws IOException {
    if (host == null) {
      host = Netlink.open();
    }
    return host;
  }

  @Override
  public void close() {
    settle();
    reaper.shutdown();
    if (host != null) {
      host.close();
      host = null;
    }
  }
}
