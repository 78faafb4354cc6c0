package io.berth.gateway.auth.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void adminMayDoEverything() {
    assertTrue(Role.ADMIN.permits("POST", "/berth/v1/tokens"));
    assertTrue(Role.ADMIN.permits("DELETE", "/containers/x"));
  }

  @Test
  void operatorRunsContainersButDoesNotAdministerThePlatform() {
    assertTrue(Role.OPERATOR.permits("POST", "/containers/create"));
    assertTrue(Role.OPERATOR.permits("POST", "/exec/abc/start"));
    assertTrue(Role.OPERATOR.permits("POST", "/build"));
    assertTrue(Role.OPERATOR.permits("POST", "/images/x/push"));
    assertFalse(Role.OPERATOR.permits("GET", "/berth/v1/tokens"));
    assertFalse(Role.OPERATOR.permits("POST", "/berth/v1/webhooks"));
    assertFalse(Role.OPERATOR.permits("GET", "/berth/v1/audit/verify"));
    assertFalse(Role.OPERATOR.permits("GET", "/berth/v1/audit"));
    assertTrue(Role.OPERATOR.permits("GET", "/berth/v1/auditorium")); // a prefix is a path segment
  }

  @Test
  void viewerOnlyReads() {
    assertTrue(Role.VIEWER.permits("GET", "/containers/json"));
    assertTrue(Role.VIEWER.permits("HEAD", "/_ping"));
    assertFalse(Role.VIEWER.permits("DELETE", "/containers/x"));
    assertFalse(Role.VIEWER.permits("POST", "/containers/x/attach"));
    assertFalse(Role.VIEWER.permits("GET", "/containers/x/attach/ws"));
    assertFalse(Role.VIEWER.permits("GET", "/berth/v1/webhooks"));
  }

  @Test
  void auditorReadsTheAuditLogAndConnects() {
    assertTrue(Role.AUDITOR.permits("GET", "/berth/v1/audit"));
    assertTrue(Role.AUDITOR.permits("GET", "/berth/v1/audit/verify"));
    assertTrue(Role.AUDITOR.permits("HEAD", "/_ping"));
    assertTrue(Role.AUDITOR.permits("GET", "/version"));
    assertFalse(Role.AUDITOR.permits("GET", "/containers/json"));
    assertFalse(Role.AUDITOR.permits("GET", "/berth/v1/webhooks"));
  }

  @Test
  void everyRoleMayAskWhoItIs() {
    for (Role r : Role.values()) {
      assertTrue(r.permits("GET", Role.SELF), r.id());
    }
    assertFalse(Role.VIEWER.permits("DELETE", Role.SELF));
  }

  @Test
  void parsesLowerCaseIds() {
    assertEquals(Optional.of(Role.OPERATOR), Role.parse("operator"));
    assertEquals(Optional.empty(), Role.parse("OPERATOR"));
    assertEquals(Optional.empty(), Role.parse(null));
  }
}
