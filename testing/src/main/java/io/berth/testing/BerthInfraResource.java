package io.berth.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Points a {@code @QuarkusTest} at a real PostgreSQL and a real Kafka broker (see
 * {@link BerthInfra}), started once per test JVM and shared by every test class.
 *
 * <p>Use it on each {@code @QuarkusTest} class:
 *
 * <pre>
 * &#64;QuarkusTest
 * &#64;WithTestResource(value = BerthInfraResource.class, scope = TestResourceScope.GLOBAL)
 * class ContainerResourceTest { ... }
 * </pre>
 *
 * <p>It overrides kafka.bootstrap.servers, quarkus.datasource.reactive.url / jdbc.url / username /
 * password and berth.home (a private directory under target/tmp). Every topic of
 * {@code io.berth.events.Topics.ALL} exists before the first test. {@link #stop()} does nothing on
 * purpose: the infrastructure outlives a Quarkus restart between test classes and is stopped by a
 * JVM shutdown hook.
 */
public class BerthInfraResource implements QuarkusTestResourceLifecycleManager {

  @Override
  public Map<String, String> start() {
    // Quarkus may call this on a thread whose context class loader is its own; Kafka's admin
    // client loads its metric reporters through that loader and then fails with a
    // ClassCastException (two copies of kafka-clients). Boot with the harness's own loader.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(BerthInfra.class.getClassLoader());
    try {
      return BerthInfra.quarkusConfig();
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  @Override
  public void stop() {
    // shared for the whole JVM; BerthInfra's shutdown hook stops it
  }
}
