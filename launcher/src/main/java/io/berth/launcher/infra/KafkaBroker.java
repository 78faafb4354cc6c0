package io.berth.launcher.infra;

import io.berth.events.Topics;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A single-node KRaft Apache Kafka broker in its own JVM, from the jars kafka-dist copies to
 * kafka-dist/target/lib. Storage is formatted once; the broker stops cleanly on SIGTERM.
 */
public final class KafkaBroker {
  static final String MAIN_CLASS = "kafka.Kafka";

  private final Path libDir;
  private final Path dataDir;
  private final int port;
  private final int controllerPort;
  private final List<String> jvmOptions;
  private final Consumer<String> log;

  /**
   * @param libDir the broker's jars (kafka-dist/target/lib)
   * @param dataDir holds server.properties and the log directory
   */
  public KafkaBroker(Path libDir, Path dataDir, int port, int controllerPort, List<String> jvmOptions, Consumer<String> log) {
    this.libDir = libDir.toAbsolutePath().normalize();
    this.dataDir = dataDir.toAbsolutePath().normalize();
    this.port = port;
    this.controllerPort = controllerPort;
    this.jvmOptions = List.copyOf(jvmOptions);
    this.log = log;
  }

  public String bootstrap() {
    return "127.0.0.1:" + port;
  }

  public Path configFile() {
    return dataDir.resolve("server.properties");
  }

  /** Writes the configuration and formats storage when the log directory is not formatted yet. */
  public void prepare() throws IOException {
    if (jars().stream().noneMatch(j -> Path.of(j).getFileName().toString().startsWith("kafka_2.13-"))) {
      throw new IOException("Kafka broker jars not found in " + libDir + ": build them with `mvn -B -pl kafka-dist install`");
    }
    Files.createDirectories(logDirs());
    Files.writeString(configFile(), serverProperties());
    Files.writeString(dataDir.resolve("log4j2.properties"), LOG4J2);
    if (!Files.exists(logDirs().resolve("meta.properties"))) {
      log.accept("formatting Kafka storage in " + logDirs());
      String id = Processes.runChecked(tool("random-uuid"), Duration.ofSeconds(60)).strip();
      id = id.lines().reduce((a, b) -> b).orElse(id).strip();
      Processes.runChecked(tool("format", "--standalone", "-t", id, "-c", configFile().toString()), Duration.ofSeconds(60));
    }
  }

  /** The command that runs the broker in the foreground (the caller redirects its output). */
  public List<String> command() {
    List<String> c = java();
    c.add(MAIN_CLASS);
    c.add(configFile().toString());
    return c;
  }

  /** Starts the broker as a child process logging to {@code logFile}; call {@link #prepare()} first. */
  public Process start(Path logFile) throws IOException {
    Files.createDirectories(logFile.getParent());
    return new ProcessBuilder(command())
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
  }

  /** Waits until the broker answers describeCluster; fails early if {@code alive} turns false. */
  public void awaitReady(Duration timeout, java.util.function.BooleanSupplier alive) throws IOException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!Ports.isListening(port)) {
      if (!alive.getAsBoolean()) {
        throw new IOException("Kafka broker exited during start-up");
      }
      if (System.nanoTime() > deadline) {
        throw new IOException("Kafka broker not listening on " + bootstrap() + " after " + timeout.toSeconds() + "s");
      }
      Processes.sleep(100);
    }
    // One client for the whole wait: every new Admin logs its full configuration.
    try (Admin admin = Admin.create(adminConfig(bootstrap()))) {
      while (System.nanoTime() < deadline) {
        if (!alive.getAsBoolean()) {
          throw new IOException("Kafka broker exited during start-up");
        }
        try {
          if (!admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty()) {
            return;
          }
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
          Processes.sleep(100);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IOException("interrupted", e);
        }
      }
    }
    throw new IOException("Kafka broker not ready on " + bootstrap() + " after " + timeout.toSeconds() + "s");
  }

  /** Creates every Berth topic; history topics keep their records forever. Idempotent. */
  public void createTopics() throws IOException {
    createTopics(bootstrap());
  }

  /** Creates every Berth topic on the given cluster. Idempotent. */
  public static void createTopics(String bootstrap) throws IOException {
    try (Admin admin = Admin.create(adminConfig(bootstrap))) {
      List<NewTopic> topics = new ArrayList<>();
      for (String name : Topics.ALL) {
        NewTopic t = new NewTopic(name, Topics.PARTITIONS, (short) 1);
        if (Topics.HISTORY.contains(name)) {
          t.configs(Map.of("retention.ms", "-1"));
        }
        topics.add(t);
      }
      admin.createTopics(topics).values().forEach((name, f) -> {
        try {
          f.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof TopicExistsException)) {
            throw new IllegalStateException("cannot create topic " + name + ": " + e.getCause().getMessage(), e);
          }
        } catch (Exception e) {
          throw new IllegalStateException("cannot create topic " + name + ": " + e, e);
        }
      });
    } catch (IllegalStateException e) {
      throw new IOException(e.getMessage(), e);
    }
  }

  /** True when a broker at {@code bootstrap} answers describeCluster within a few seconds. */
  public static boolean answers(String bootstrap) {
    try (Admin admin = Admin.create(adminConfig(bootstrap))) {
      return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
    } catch (Exception e) {
      return false;
    }
  }

  private static Properties adminConfig(String bootstrap) {
    Properties p = new Properties();
    p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000");
    p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "5000");
    p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "200");
    return p;
  }

  /** The pid marker that identifies our broker on a command line. */
  public String marker() {
    return configFile().toString();
  }

  private Path logDirs() {
    return dataDir.resolve("logs");
  }

  private List<String> jars() {
    try (Stream<Path> s = Files.list(libDir)) {
      return s.filter(p -> p.toString().endsWith(".jar")).map(Path::toString).toList();
    } catch (IOException e) {
      return List.of();
    }
  }

  private List<String> java() {
    List<String> c = new ArrayList<>();
    c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    c.addAll(jvmOptions);
    c.add("-Dlog4j2.configurationFile=" + dataDir.resolve("log4j2.properties"));
    c.add("-cp");
    c.add(libDir + "/*");
    return c;
  }

  private List<String> tool(String... args) {
    List<String> c = java();
    c.add("kafka.tools.StorageTool");
    c.addAll(List.of(args));
    return c;
  }

  private String serverProperties() {
    return String.join("\n",
        "# Written by Berth on every start; edits are overwritten.",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT",
        "log.dirs=" + logDirs(),
        "num.partitions=" + Topics.PARTITIONS,
        "default.replication.factor=1",
        "offsets.topic.replication.factor=1",
        "offsets.topic.num.partitions=5",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "transaction.state.log.num.partitions=5",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "group.initial.rebalance.delay.ms=0",
        "auto.create.topics.enable=true",
        // One small broker: the log cleaner's 128 MiB default dedupe buffer would be most of its heap.
        "log.cleaner.dedupe.buffer.size=16777216",
        "") ;
  }

  // The broker's own log goes to stdout, which the caller redirects into its log file.
  private static final String LOG4J2 = String.join("\n",
      "status = warn",
      "appender.out.type = Console",
      "appender.out.name = out",
      "appender.out.layout.type = PatternLayout",
      "appender.out.layout.pattern = %d{ISO8601} %-5p [%c{1}] %m%n",
      "rootLogger.level = warn",
      "rootLogger.appenderRef.out.ref = out",
      "logger.server.name = kafka.server.KafkaRaftServer",
      "logger.server.level = info",
      "logger.broker.name = kafka.server.BrokerServer",
      "logger.broker.level = info",
      "");

  /** Stops a broker whose pid is recorded in {@code pidFile}, if it is still ours and running. */
  public Optional<Long> stopStale(Path pidFile) {
    var pid = Processes.readPid(pidFile);
    if (pid.isEmpty()) {
      return Optional.empty();
    }
    Optional<ProcessHandle> h = Processes.live(pid.getAsLong(), marker());
    h.ifPresent(p -> {
      log.accept("stopping a stale Kafka broker (pid " + p.pid() + ") left on " + dataDir);
      Processes.stop(p, Duration.ofSeconds(20));
    });
    try {
      Files.deleteIfExists(pidFile);
    } catch (IOException ignored) {
      // harmless: the next start overwrites it
    }
    return h.map(ProcessHandle::pid);
  }
}
