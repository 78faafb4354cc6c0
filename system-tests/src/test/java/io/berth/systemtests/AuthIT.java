package io.berth.systemtests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TCP listener as a stock docker CLI meets it: bearer tokens from config.json's HttpHeaders,
 * roles, revocation, TLS with client certificates on 2376, and credentials on the registry.
 */
class AuthIT {

  static final Path WORK = BerthStack.HOME.getParent().resolve("auth-it");
  static final String TCP = "tcp://127.0.0.1:2375";
  static final String TLS_NAME = "it-tls-operator";

  @BeforeAll
  static void stackWithTls() throws Exception {
    Files.createDirectories(WORK);
    Path tls = BerthStack.HOME.resolve("tls");
    Files.createDirectories(tls);
    // CA, a server certificate for 127.0.0.1 and a client certificate whose CN names a token.
    Shell.sh(WORK, Map.of(), Duration.ofMinutes(1), String.join(" && ",
        "openssl req -x509 -newkey rsa:2048 -nodes -days 2 -subj /CN=berth-it-ca -keyout ca-key.pem -out ca.pem 2>/dev/null",
        "openssl req -newkey rsa:2048 -nodes -subj /CN=127.0.0.1 -keyout server-key.pem -out server.csr 2>/dev/null",
        "printf 'subjectAltName=IP:127.0.0.1\\nextendedKeyUsage=serverAuth\\n' > server.ext",
        "openssl x509 -req -in server.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile server.ext -out server-cert.pem 2>/dev/null",
        "openssl req -newkey rsa:2048 -nodes -subj /CN=" + TLS_NAME + " -keyout key.pem -out client.csr 2>/dev/null",
        "printf 'extendedKeyUsage=clientAuth\\n' > client.ext",
        "openssl x509 -req -in client.csr -CA ca.pem -CAkey ca-key.pem -CAcreateserial -days 2 -extfile client.ext -out cert.pem 2>/dev/null",
        "cp ca.pem server-cert.pem server-key.pem " + tls)).assertOk();
    // TLS is read when the gateway starts: restart a stack an earlier test class started without it.
    BerthStack.down();
    BerthStack.ensureUp();
    Path tar = WORK.resolve("busybox-rootfs.tar");
    Shell.run(BerthStack.REPO, Map.of(), Duration.ofMinutes(1),
        List.of("sh", BerthStack.REPO.resolve("scripts/busybox-rootfs.sh").toString(), tar.toString())).assertOk();
    BerthStack.docker("import", tar.toString(), "bb:auth").assertOk();
  }

  /** {@code ./berth token create}: the secret on stdout, the id in the note on stderr. */
  record Created(String id, String secret) {}

  static Created token(String name, String role) {
    Shell.Result r = BerthStack.berth(Duration.ofMinutes(1), "token", "create", "--name", name, "--role", role).assertOk();
    Matcher id = Pattern.compile("token (\\S+) \\(").matcher(r.stderr());
    assertTrue(id.find(), r.stderr());
    return new Created(id.group(1), r.stdout().strip());
  }

  /** A DOCKER_CONFIG whose config.json makes the CLI send the token on every request. */
  static Map<String, String> tcpClient(String dir, String secret) throws Exception {
    Path config = Files.createDirectories(WORK.resolve(dir));
    Files.writeString(config.resolve("config.json"),
        secret == null ? "{}" : "{\"HttpHeaders\":{\"Authorization\":\"Bearer " + secret + "\"}}");
    Map<String, String> env = new HashMap<>(BerthStack.env());
    env.put("DOCKER_HOST", TCP);
    env.put("DOCKER_CONFIG", config.toString());
    return env;
  }

  static Shell.Result docker(Map<String, String> env, String... args) {
    List<String> cmd = new java.util.ArrayList<>(List.of("docker"));
    cmd.addAll(List.of(args));
    return Shell.run(WORK, env, Duration.ofMinutes(2), cmd);
  }

  @Test
  void viewerListsButMayNotRemoveAndRevocationEndsIt() throws Exception {
    Created viewer = token("it-viewer", "viewer");
    Map<String, String> env = tcpClient("viewer", viewer.secret());
    Shell.Result ps = docker(env, "ps", "-a");
    assertEquals(0, ps.exitCode(), ps.stderr());
    assertTrue(ps.stdout().startsWith("CONTAINER ID"), ps.stdout());

    Shell.Result rm = docker(env, "rm", "x");
    assertNotEquals(0, rm.exitCode());
    assertTrue(rm.stderr().contains("has role viewer, which may not DELETE /containers/x"), rm.stderr());
    // The refusal is in the audit trail, with who and why.
    String denied = AuditIT.get("/berth/v1/audit/export?action=container.delete&actor=it-viewer");
    assertTrue(denied.contains("\"status\":403"), denied);
    assertTrue(denied.contains("\"transport\":\"tcp\""), denied);
    assertTrue(denied.contains("may not DELETE /containers/x"), denied);
    assertTrue(AuditIT.get("/berth/v1/audit/verify").contains("\"valid\":true"));

    BerthStack.berth(Duration.ofMinutes(1), "token", "revoke", viewer.id()).assertOk();
    Shell.Result revoked = docker(env, "ps");
    assertNotEquals(0, revoked.exitCode());
    assertTrue(revoked.stderr().contains("unknown or revoked"), revoked.stderr());
    assertTrue(BerthStack.berth(Duration.ofMinutes(1), "token", "ls").assertOk().stdout().contains("it-viewer"));
  }

  @Test
  void withoutATokenTcpIsRefused() throws Exception {
    Shell.Result ps = docker(tcpClient("anonymous", null), "ps");
    assertNotEquals(0, ps.exitCode());
    assertTrue(ps.stderr().contains("requires \"Authorization: Bearer <token>\""), ps.stderr());
  }

  @Test
  void operatorRunsAContainerOverTcp() throws Exception {
    Map<String, String> env = tcpClient("operator", token("it-operator", "operator").secret());
    Shell.Result run = docker(env, "run", "--rm", "bb:auth", "echo", "hello from tcp");
    assertEquals(0, run.exitCode(), run.stderr());
    assertTrue(run.stdout().contains("hello from tcp"), run.stdout());
  }

  @Test
  void tlsWithAClientCertificateNamesTheToken() throws Exception {
    token(TLS_NAME, "operator");
    Map<String, String> env = new HashMap<>(BerthStack.env());
    env.put("DOCKER_HOST", "tcp://127.0.0.1:2376");
    env.put("DOCKER_TLS_VERIFY", "1");
    env.put("DOCKER_CERT_PATH", WORK.toString()); // ca.pem, cert.pem, key.pem
    env.put("DOCKER_CONFIG", Files.createDirectories(WORK.resolve("tls-config")).toString());
    Shell.Result ps = docker(env, "ps");
    assertEquals(0, ps.exitCode(), ps.stderr());

    // Without a client certificate the handshake fails.
    Path caOnly = Files.createDirectories(WORK.resolve("ca-only"));
    Files.copy(WORK.resolve("ca.pem"), caOnly.resolve("ca.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Map<String, String> noCert = new HashMap<>(env);
    noCert.remove("DOCKER_TLS_VERIFY");
    noCert.remove("DOCKER_CERT_PATH");
    Shell.Result refused = docker(noCert, "--tls", "--tlscacert", caOnly.resolve("ca.pem").toString(), "ps");
    assertNotEquals(0, refused.exitCode(), refused.stdout());
  }

  @Test
  void registryPushesNeedATokenPullsDoNot() throws Exception {
    Path source = Files.createTempDirectory(WORK, "oci");
    RegistryIT.ociLayout(source, "1", "auth layer".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    String target = "docker://127.0.0.1:5050/it/auth:1";
    Shell.Result anonymous = Shell.run(WORK, Map.of(), Duration.ofMinutes(2),
        List.of("skopeo", "copy", "--dest-tls-verify=false", "oci:" + source + ":1", target));
    assertNotEquals(0, anonymous.exitCode(), anonymous.stdout());
    Shell.Result viewer = Shell.run(WORK, Map.of(), Duration.ofMinutes(2), List.of("skopeo", "copy",
        "--dest-tls-verify=false", "--dest-creds", "ci:" + token("it-registry-viewer", "viewer").secret(), "oci:" + source + ":1", target));
    assertNotEquals(0, viewer.exitCode(), viewer.stdout());
    Shell.Result pushed = Shell.run(WORK, Map.of(), Duration.ofMinutes(2), List.of("skopeo", "copy",
        "--dest-tls-verify=false", "--dest-creds", "ci:" + token("it-registry-operator", "operator").secret(), "oci:" + source + ":1", target));
    assertEquals(0, pushed.exitCode(), pushed.stderr());
    Shell.Result pulled = Shell.run(WORK, Map.of(), Duration.ofMinutes(2),
        List.of("skopeo", "inspect", "--raw", "--tls-verify=false", target));
    assertEquals(0, pulled.exitCode(), pulled.stderr());
    assertTrue(pulled.stdout().contains("layers"), pulled.stdout());
  }
}
