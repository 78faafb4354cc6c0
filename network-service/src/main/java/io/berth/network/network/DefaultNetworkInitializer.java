package io.berth.network.network;

import io.berth.network.ipam.Subnet;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Creates Docker's default {@code bridge} network on first start: {@code 172.17.0.0/16} unless a
 * host route overlaps it, then the next free default pool.
 */
@ApplicationScoped
public class DefaultNetworkInitializer {
  private static final Logger LOG = Logger.getLogger(DefaultNetworkInitializer.class);

  void onStart(@Observes StartupEvent ev, NetworkService service,
               @ConfigProperty(name = "berth.network.default-subnet", defaultValue = "172.17.0.0/16") String subnet)
      throws Throwable {
    NetworkEntity n = VertxContextSupport.subscribeAndAwait(() -> service.ensureDefault(Subnet.parse(subnet)));
    LOG.infof("default network %s: %s on %s", n.name, n.subnet, n.bridge);
  }
}
