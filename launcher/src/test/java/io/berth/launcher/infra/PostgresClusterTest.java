package io.berth.launcher.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class PostgresClusterTest {
  @Test
  void startsStopsAndCleansUpAStaleCluster() throws Exception {
    Path base = Path.of(System.getProperty("java.io.tmpdir"), "pg-test-" + ProcessHandle.current().pid());
    int port = Ports.findFree();
    List<String> log = new ArrayList<>();
    PostgresCluster first = new PostgresCluster(base.resolve("data"), port, base.resolve("pg.log"), PostgresCluster.testSettings(), log::add);
    first.start();
    try {
      long pid = first.pid().orElseThrow();
      assertTrue(Ports.isListening(port));
      // A new launcher finds the cluster a crashed one left running, stops it, and starts anew.
      PostgresCluster second = new PostgresCluster(base.resolve("data"), port, base.resolve("pg.log"), PostgresCluster.testSettings(), log::add);
      second.start();
      assertTrue(log.stream().anyMatch(l -> l.contains("stopping a stale PostgreSQL (pid " + pid + ")")), log.toString());
      long pid2 = second.pid().orElseThrow();
      assertTrue(pid2 != pid);
      String db = Processes.runChecked(Processes.asUser("postgres", List.of("/usr/lib/postgresql/15/bin/psql", "-h", "127.0.0.1",
          "-p", Integer.toString(port), "-U", "berth", "-d", "berth", "-tAc", "select current_database()")), Duration.ofSeconds(20));
      assertEquals("berth", db.strip());
      second.stop();
      assertTrue(second.pid().isEmpty());
      assertTrue(!Ports.isListening(port));
    } finally {
      first.stop();
    }
  }
}
