package io.berth.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.berth.events.Topics;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class BerthInfraTest {

  @Test
  void startsRealPostgresAndKafkaOncePerJvm() throws Exception {
    BerthInfraResource resource = new BerthInfraResource();
    Map<String, String> config = resource.start();
    assertSame(BerthInfra.start(), BerthInfra.start(), "one instance per JVM");
    assertEquals(config, new BerthInfraResource().start(), "a second start is idempotent");
    assertEquals(BerthInfra.kafkaBootstrap(), config.get("kafka.bootstrap.servers"));
    assertEquals(BerthInfra.jdbcUrl(), config.get("quarkus.datasource.jdbc.url"));
    assertEquals("jdbc:" + config.get("quarkus.datasource.reactive.url"), config.get("quarkus.datasource.jdbc.url"));
    assertEquals(BerthInfra.kafkaBootstrap(), System.getProperty("BERTH_KAFKA_BOOTSTRAP"));
    assertTrue(config.get("berth.home").startsWith(System.getProperty("java.io.tmpdir")));

    try (Connection c = DriverManager.getConnection(BerthInfra.jdbcUrl(), "berth", "berth");
        ResultSet rs = c.createStatement().executeQuery("select current_database(), current_user, version()")) {
      rs.next();
      assertEquals("berth", rs.getString(1));
      assertEquals("berth", rs.getString(2));
      assertTrue(rs.getString(3).startsWith("PostgreSQL 15"), rs.getString(3));
      c.createStatement().execute("create schema if not exists harness; create table harness.t(x int); insert into harness.t values (42)");
    }

    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, BerthInfra.kafkaBootstrap());
    try (Admin admin = Admin.create(p)) {
      Set<String> names = admin.listTopics().names().get(10, TimeUnit.SECONDS);
      assertTrue(names.containsAll(Topics.ALL), "topics " + names);
      Map<String, TopicDescription> d = admin.describeTopics(Topics.ALL).allTopicNames().get(10, TimeUnit.SECONDS);
      d.values().forEach(t -> assertEquals(Topics.PARTITIONS, t.partitions().size(), t.name()));
      ConfigResource history = new ConfigResource(ConfigResource.Type.TOPIC, Topics.CONTAINER_EVENTS);
      String retention = admin.describeConfigs(Set.of(history)).all().get(10, TimeUnit.SECONDS).get(history).get("retention.ms").value();
      assertEquals("-1", retention);
    }

    Properties pp = new Properties();
    pp.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, BerthInfra.kafkaBootstrap());
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(pp, new StringSerializer(), new StringSerializer())) {
      RecordMetadata m = producer.send(new ProducerRecord<>(Topics.DEAD_LETTER, "k", "v")).get(30, TimeUnit.SECONDS);
      assertEquals(Topics.DEAD_LETTER, m.topic());
    }
    resource.stop();
    try (Connection c = DriverManager.getConnection(BerthInfra.jdbcUrl(), "berth", "berth");
        ResultSet rs = c.createStatement().executeQuery("select x from harness.t")) {
      assertTrue(rs.next(), "still up after a Quarkus restart's stop()");
      assertEquals(42, rs.getInt(1));
    }
  }
}
