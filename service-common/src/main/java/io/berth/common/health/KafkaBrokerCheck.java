package io.berth.common.health;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: the Kafka broker answers. SmallRye's own checks cover only the channels a service
 * declares; this one holds for every service, channels or not, and names the broker it asked.
 */
@Readiness
@ApplicationScoped
public class KafkaBrokerCheck implements HealthCheck {
  private final String bootstrap;
  private Admin admin;

  public KafkaBrokerCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrap) {
    this.bootstrap = bootstrap;
  }

  @Override
  public HealthCheckResponse call() {
    try {
      String cluster = admin().describeCluster(new DescribeClusterOptions().timeoutMs(2000))
          .clusterId().get(3, TimeUnit.SECONDS);
      return HealthCheckResponse.named("Kafka broker").up()
          .withData("bootstrap", bootstrap).withData("cluster", cluster).build();
    } catch (Exception e) {
      return HealthCheckResponse.named("Kafka broker").down()
          .withData("bootstrap", bootstrap).withData("error", String.valueOf(e.getMessage())).build();
    }
  }

  private synchronized Admin admin() {
    if (admin == null) {
      admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
          AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000,
          AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000));
    }
    return admin;
  }

  @PreDestroy
  synchronized void close() {
    if (admin != null) {
      admin.close();
    }
  }
}
