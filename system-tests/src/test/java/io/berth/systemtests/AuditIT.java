package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit trail with the real stack and the real docker CLI: `docker run` leaves its changing
 * calls in the chain (create, start; an attach only when it carries stdin), `docker ps` leaves nothing, the chain verifies, and a
 * record altered in PostgreSQL behind the gateway's back is found by the verification.
 */
class AuditIT {

  static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void setUp() {
    BerthStack.ensureUp();
    Path tar = BerthStack.HOME.getParent().resolve("busybox-rootfs-audit.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), "bb:audit").assertOk();
  }

  static String get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:2375" + path))
            .header("Authorization", "Bearer " + BerthStack.adminToken()).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertEquals(200, r.statusCode(), path + ": " + r.body());
    return r.body();
  }

  /** The number of records in the chain, checking it verifies. */
  static long head() throws Exception {
    String v = get("/berth/v1/audit/verify");
    assertTrue(v.contains("\"valid\":true"), v);
    Matcher m = Pattern.compile("\"records\":(\\d+)").matcher(v);
    assertTrue(m.find(), v);
    return Long.parseLong(m.group(1));
  }

  /** The records after {@code seq}, as the lines of the JSON lines export. */
  static List<String> after(long seq) throws Exception {
    String lines = get("/berth/v1/audit/export?after=" + seq);
    List<String> out = new ArrayList<>();
    for (String l : lines.split("\n")) {
      if (!l.isBlank()) {
        out.add(l);
      }
    }
    return out;
  }

  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + name + "\":(\"([^\"]*)\"|(\\d+))").matcher(json);
    return m.find() ? (m.group(2) != null ? m.group(2) : m.group(3)) : null;
  }

  static List<String> actions(List<String> records) {
    return records.stream().map(r -> field(r, "action")).toList();
  }

  static void psql(String sql) {
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofSeconds(30),
        List.of("psql", "-h", "127.0.0.1", "-p", "55432", "-U", "berth", "-d", "berth", "-v", "ON_ERROR_STOP=1",
            "-tAc", sql)).assertOk();
  }

  @Test
  void dockerRunIsAuditedPsIsNotAndTamperingIsFound() throws Exception {
    long before = head();
    BerthStack.docker("run", "--rm", "--name", "audit-run", "bb:audit", "true").assertOk();
    List<String> run = after(before);
    List<String> acts = actions(run);
    assertTrue(acts.containsAll(List.of("container.create", "container.start")), acts.toString());
    // wait and an output-only attach are POSTs that change nothing: not recorded, like reads.
    assertFalse(acts.contains("container.wait"), acts.toString());
    assertFalse(acts.contains("container.attach"), acts.toString());
    String create = run.get(acts.indexOf("container.create"));
    assertEquals("audit-run", field(create, "objectId"));
    assertEquals("201", field(create, "status"));

    // An attach with stdin can type into the container: recorded.
    long beforeInteractive = head();
    Shell.sh(BerthStack.REPO, BerthStack.env(), Duration.ofSeconds(60),
        "echo typed | docker run -i --rm bb:audit cat").assertOk();
    List<String> interactive = after(beforeInteractive);
    List<String> interactiveActs = actions(interactive);
    assertTrue(interactiveActs.contains("container.attach"), interactiveActs.toString());
    assertEquals("101", field(interactive.get(interactiveActs.indexOf("container.attach")), "status"));
    for (String r : run) {
      assertEquals("unix", field(r, "transport"), r);
      // The unix socket trusts its file permissions: its callers are admins (auth.AuthenticationRoute).
      assertEquals("unix-socket", field(r, "actor"), r);
      assertEquals("admin", field(r, "role"), r);
      assertTrue(field(r, "path").matches("/v1\\.\\d+/containers/.*"), r);
    }

    long afterRun = head();
    BerthStack.docker("ps", "-a").assertOk();
    BerthStack.docker("images").assertOk();
    assertEquals(afterRun, head(), "reads are not audited");

    String id = BerthStack.docker("create", "--name", "audit-rm", "bb:audit", "true").assertOk().stdout().trim();
    BerthStack.docker("rm", "audit-rm").assertOk();
    List<String> rm = after(afterRun);
    assertEquals(List.of("container.create", "container.delete"), actions(rm));
    assertEquals("audit-rm", field(rm.get(1), "objectId"));
    assertEquals("204", field(rm.get(1), "status"));

    // Tamper: pretend somebody else removed it.
    long victim = Long.parseLong(field(rm.get(1), "seq"));
    String actor = field(rm.get(1), "actor");
    psql("update gateway.audit_log set actor = 'mallory' where seq = " + victim);
    String broken = get("/berth/v1/audit/verify");
    assertTrue(broken.contains("\"valid\":false"), broken);
    assertEquals(Long.toString(victim), field(broken, "firstBrokenSeq"), broken);
    psql("update gateway.audit_log set actor = '" + actor + "' where seq = " + victim);
    assertFalse(get("/berth/v1/audit/verify").contains("\"valid\":false"));
    assertTrue(id.matches("[0-9a-f]{64}"), id);
  }
}
