package io.berth.launcher.token;

import io.berth.launcher.stack.LauncherConfig;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./berth token create|ls|revoke}: API tokens, through the gateway's unix socket. */
@Command(
    name = "token",
    description = "Manage API tokens of the TCP listener and the registry (needs a running stack).",
    subcommands = {TokenCommand.Create.class, TokenCommand.Ls.class, TokenCommand.Revoke.class})
public class TokenCommand implements Runnable {
  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static UnixHttpClient gateway() {
    return new UnixHttpClient(LauncherConfig.fromEnvironment().socket());
  }

  /** The gateway's Docker-style error, on stderr; exit code 1. */
  static int fail(UnixHttpClient.Response r) {
    String message = field(r.body(), "message");
    System.err.println("berth token: " + (message == null ? "HTTP " + r.status() : message));
    return 1;
  }

  /** A string field of a flat JSON object (the gateway's answers hold no nested strings we need). */
  static String field(String json, String name) {
    Matcher m = Pattern.compile("\"" + Pattern.quote(name) + "\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(json);
    return m.find() ? m.group(1).replace("\\\"", "\"").replace("\\\\", "\\") : null;
  }

  static List<String> objects(String jsonArray) {
    List<String> out = new java.util.ArrayList<>();
    Matcher m = Pattern.compile("\\{[^{}]*\\}").matcher(jsonArray);
    while (m.find()) {
      out.add(m.group());
    }
    return out;
  }

  static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  @Command(name = "create", description = "Create a token and print its secret (shown only this once).")
  static class Create implements Callable<Integer> {
    @Option(names = "--name", required = true, description = "A unique name (a TLS client certificate's CN names it)")
    String name;

    @Option(names = "--role", required = true, description = "admin, operator, viewer or auditor")
    String role;

    @Override
    public Integer call() throws IOException {
      UnixHttpClient.Response r = gateway().send("POST", "/berth/v1/tokens",
          "{\"name\":" + quote(name) + ",\"role\":" + quote(role) + "}");
      if (r.status() != 201) {
        return fail(r);
      }
      System.out.println(field(r.body(), "secret"));
      System.err.println("token " + field(r.body(), "id") + " (" + name + ", " + role + ") created; the secret above is not shown again");
      return 0;
    }
  }

  @Command(name = "ls", description = "List tokens (id, name, role, created, revoked).")
  static class Ls implements Callable<Integer> {
    @Option(names = {"-q", "--quiet"}, description = "Only ids")
    boolean quiet;

    @Override
    public Integer call() throws IOException {
      UnixHttpClient.Response r = gateway().send("GET", "/berth/v1/tokens", null);
      if (r.status() != 200) {
        return fail(r);
      }
      String format = "%-36s  %-20s  %-8s  %-27s  %s%n";
      if (!quiet) {
        System.out.printf(format, "ID", "NAME", "ROLE", "CREATED", "REVOKED");
      }
      for (String t : objects(r.body())) {
        if (quiet) {
          System.out.println(field(t, "id"));
        } else {
          Map<String, String> f = new java.util.HashMap<>();
          for (String k : List.of("id", "name", "role", "createdAt", "revokedAt")) {
            String v = field(t, k);
            f.put(k, v == null ? "" : v);
          }
          System.out.printf(format, f.get("id"), f.get("name"), f.get("role"), f.get("createdAt"), f.get("revokedAt"));
        }
      }
      return 0;
    }
  }

  @Command(name = "revoke", description = "Revoke tokens: they stop working at once.")
  static class Revoke implements Callable<Integer> {
    @Parameters(arity = "1..*", paramLabel = "ID")
    List<String> ids;

    @Override
    public Integer call() throws IOException {
      int rc = 0;
      for (String id : ids) {
        UnixHttpClient.Response r = gateway().send("DELETE", "/berth/v1/tokens/" + id, null);
        if (r.status() / 100 != 2) {
          rc = fail(r);
        } else {
          System.out.println(id);
        }
      }
      return rc;
    }
  }

}
