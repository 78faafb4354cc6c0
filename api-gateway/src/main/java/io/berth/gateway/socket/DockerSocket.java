package io.berth.gateway.socket;

import io.quarkus.vertx.http.DomainSocketServerStart;
import io.vertx.ext.web.Router;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The Docker API's unix socket: guarded before the server binds it, mode 0660 and the configured
 * group once bound. Whoever can open it is trusted as an admin (see AuthenticationRoute).
 */
@ApplicationScoped
public class DockerSocket {

  private static final Logger LOG = Logger.getLogger(DockerSocket.class);

  @ConfigProperty(name = "quarkus.http.domain-socket")
  Path socket;

  /** Members of this group may use the socket (Docker's "docker" group); empty: the owner's group. */
  @ConfigProperty(name = "berth.socket.group")
  Optional<String> group;

  /**
   * Quarkus builds the router before it opens any listener, so this is the last moment to refuse
   * a start that would take over another gateway's socket.
   */
  void beforeBind(@Observes @Priority(1) Router router) {
    try {
      DockerSocketGuard.prepare(socket);
    } catch (DockerSocketGuard.SocketInUseException e) {
      LOG.error(e.getMessage());
      throw e;
    }
  }

  /** The socket is created with the umask's mode; Docker's group-accessible 0660 is wanted. */
  void onBound(@ObservesAsync DomainSocketServerStart start) {
    try {
      Files.setPosixFilePermissions(socket, PosixFilePermissions.fromString("rw-rw----"));
      if (group.isPresent()) {
        GroupPrincipal principal =
            socket.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group.get());
        Files.getFileAttributeView(socket, PosixFileAttributeView.class).setGroup(principal);
      }
      LOG.infof("Docker API listening on unix://%s", socket.toAbsolutePath());
    } catch (IOException e) {
      LOG.errorf(e, "Cannot set mode 0660 (group %s) on %s", group.orElse("unchanged"), socket);
    }
  }
}
