package io.berth.image.pull;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A client for one remote OCI Distribution registry (at the address {@link RegistryAddresses}
 * gives); answers a 401 challenge once per scope, with a bearer token fetched from the realm
 * (anonymously or with basic credentials) or with basic auth.
 *
 * @see <a href="https://distribution.github.io/distribution/spec/auth/token/">token authentication</a>
 */
public final class RemoteRegistry {
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");

  private final HttpClient http;
  private final URI base;
  private final RegistryCredentials credentials;
  private String authorization;
  private String authorizedScope;

  /** {@code base} from {@link RegistryAddresses#base}. */
  public RemoteRegistry(HttpClient http, URI base, RegistryCredentials credentials) {
    this.http = http;
    this.base = base;
    this.credentials = credentials;
  }

  /**
   * {@code docker login}: GET /v2/, answering a challenge with the credentials (no scope, as
   * dockerd does); {@link RegistryAuthException} when the registry refuses them.
   */
  public void login() throws IOException {
    HttpResponse<InputStream> r = send("GET", "/v2/", Map.of(), null, null);
    r.body().close();
    if (r.statusCode() == 401 || r.statusCode() == 403) {
      throw new RegistryAuthException("login attempt to " + base.resolve("/v2/") + " failed with status: " + r.statusCode()
          + (r.statusCode() == 401 ? " Unauthorized" : " Forbidden"));
    }
    if (r.statusCode() / 100 != 2) {
      throw new IOException("login attempt to " + base.resolve("/v2/") + " answered " + r.statusCode());
    }
  }

  public URI base() {
    return base;
  }

  /** GET {@code path} (e.g. {@code /v2/a/b/manifests/v1}); any status is returned, the caller judges. */
  HttpResponse<InputStream> get(String path, String accept, String repository) throws IOException {
    return send("GET", path, accept == null ? Map.of() : Map.of("Accept", accept), null, repository + ":pull");
  }

  /**
   * Any request; a 401 is answered once with credentials for {@code scope} ({@code
   * <repository>:pull} or {@code <repository>:pull,push}) and the request repeated, so a body
   * publisher must be repeatable. {@code path} may be absolute (an upload Location).
   */
  public HttpResponse<InputStream> send(String method, String path, Map<String, String> headers,
      HttpRequest.BodyPublisher body, String scope) throws IOException {
    HttpResponse<InputStream> r = once(method, path, headers, body);
    if (r.statusCode() == 401 && (authorization == null || !java.util.Objects.equals(scope, authorizedScope))) {
      String challenge = r.headers().firstValue("WWW-Authenticate").orElse("");
      r.body().close();
      authorization = authorize(challenge, scope);
      authorizedScope = scope;
      r = once(method, path, headers, body);
    }
    return r;
  }

  private HttpResponse<InputStream> once(String method, String path, Map<String, String> headers,
      HttpRequest.BodyPublisher body) throws IOException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofMinutes(30))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : body);
    headers.forEach(b::header);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    try {
      return http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to " + base, e);
    }
  }

  private String authorize(String challenge, String scope) throws IOException {
    if (challenge.regionMatches(true, 0, "Basic", 0, 5)) {
      if (!credentials.hasBasic()) {
        throw new RegistryAuthException("the registry at " + base + " asks for credentials: run docker login");
      }
      return credentials.basicHeader();
    }
    if (!challenge.regionMatches(true, 0, "Bearer", 0, 6)) {
      throw new RegistryAuthException("the registry at " + base + " answered 401 without a usable challenge");
    }
    Map<String, String> params = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      params.put(m.group(1).toLowerCase(), m.group(2));
    }
    String realm = params.get("realm");
    if (realm == null) {
      throw new RegistryAuthException("bearer challenge without a realm from " + base);
    }
    StringBuilder q = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
    if (params.containsKey("service")) {
      q.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
    }
    if (credentials.username() != null) {
      q.append("account=").append(URLEncoder.encode(credentials.username(), StandardCharsets.UTF_8)).append('&');
    }
    String wanted = params.getOrDefault("scope", scope == null ? null : "repository:" + scope);
    if (wanted != null) {
      q.append("scope=").append(URLEncoder.encode(wanted, StandardCharsets.UTF_8));
    }
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(q.toString())).timeout(Duration.ofSeconds(30)).GET();
    if (credentials.hasBasic()) {
      b.header("Authorization", credentials.basicHeader());
    }
    try {
      HttpResponse<byte[]> r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
      if (r.statusCode() != 200) {
        throw new RegistryAuthException("token request to " + realm + " answered " + r.statusCode());
      }
      var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.body());
      String token = json.path("token").asText(json.path("access_token").asText(null));
      if (token == null || token.isEmpty()) {
        throw new RegistryAuthException("token response from " + realm + " holds no token");
      }
      return "Bearer " + token;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while fetching a token", e);
    }
  }
}
