package io.berth.image.auth;

import io.berth.common.error.InvalidArgumentException;
import io.berth.image.pull.RegistryAddresses;
import io.berth.image.pull.RegistryAuthException;
import io.berth.image.pull.RegistryCredentials;
import io.berth.image.pull.RemoteRegistry;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;

/**
 * {@code POST /auth} ({@code docker login}): checks the credentials against the registry with its
 * own challenge (basic, or a bearer token fetched with them) and says so. Nothing is stored here:
 * the CLI keeps the credentials and sends them as {@code X-Registry-Auth} on every pull and push.
 */
@Path("/auth")
public class AuthResource {
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
      .followRedirects(HttpClient.Redirect.NORMAL).version(HttpClient.Version.HTTP_1_1).build();
  private final RegistryAddresses addresses;

  public AuthResource(RegistryAddresses addresses) {
    this.addresses = addresses;
  }

  @POST
  @Blocking
  @Consumes(MediaType.WILDCARD)
  @Produces(MediaType.APPLICATION_JSON)
  public AuthResponse login(AuthRequest request) {
    if (request == null || (request.identityToken() == null && (request.username() == null || request.username().isEmpty()))) {
      throw new InvalidArgumentException("a username (or an identity token) is required");
    }
    String registry = RegistryAddresses.fromServerAddress(request.serverAddress());
    RegistryCredentials credentials = new RegistryCredentials(request.username(), request.password(), request.identityToken());
    try {
      new RemoteRegistry(http, addresses.base(registry), credentials).login();
    } catch (RegistryAuthException e) {
      throw new LoginFailedException(e.getMessage());
    } catch (IOException e) {
      throw new LoginFailedException("cannot log in to " + addresses.base(registry) + ": "
          + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
    }
    return new AuthResponse("Login Succeeded", null);
  }
}
