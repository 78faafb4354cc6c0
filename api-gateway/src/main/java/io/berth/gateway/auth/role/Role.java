package io.berth.gateway.auth.role;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What a token may do. The rules look at the method and the unversioned path only, so they hold
 * for the Docker API and the platform API alike.
 */
public enum Role {
  /** Everything. */
  ADMIN,
  /** The Docker API (containers, images, networks, volumes, exec, build, registry); not the platform's own administration. */
  OPERATOR,
  /** Reads of the Docker API: GET and HEAD only, no attach. */
  VIEWER,
  /** The audit log, plus what a client needs to connect. */
  AUDITOR;

  /** Platform areas only an admin administers (the audit log is the auditor's too). */
  static final List<String> ADMINISTRATION = List.of("/berth/v1/tokens", "/berth/v1/webhooks", "/berth/v1/audit");
  static final String AUDIT = "/berth/v1/audit";
  /** Every token may ask who it is (the registry verifies its credentials this way). */
  public static final String SELF = "/berth/v1/tokens/self";

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Role> parse(String id) {
    return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst();
  }

  public static String ids() {
    return String.join(", ", Arrays.stream(values()).map(Role::id).toList());
  }

  /** Whether this role may call {@code method} on {@code path} (the path without /vX.Y). */
  public boolean permits(String method, String path) {
    boolean read = method.equals("GET") || method.equals("HEAD");
    if (path.equals(SELF)) {
      return read;
    }
    return switch (this) {
      case ADMIN -> true;
      case OPERATOR -> !underAny(path, ADMINISTRATION);
      case VIEWER -> read && !underAny(path, ADMINISTRATION) && !isAttach(path);
      case AUDITOR -> under(path, AUDIT) || (read && (path.equals("/_ping") || path.equals("/version")));
    };
  }

  /** {@code GET /containers/{id}/attach/ws} is interactive access, not a read. */
  private static boolean isAttach(String path) {
    return path.startsWith("/containers/") && path.endsWith("/attach/ws");
  }

  private static boolean underAny(String path, List<String> prefixes) {
    return prefixes.stream().anyMatch(p -> under(path, p));
  }

  private static boolean under(String path, String prefix) {
    return path.equals(prefix) || path.startsWith(prefix + "/");
  }
}
