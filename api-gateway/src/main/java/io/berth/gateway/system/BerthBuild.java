package io.berth.gateway.system;

import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Facts about this Berth build: version (from the Maven project), build time and commit. */
@ApplicationScoped
public class BerthBuild {

  private static final String RESOURCE = "/META-INF/berth-build.properties";

  private final String version;
  private final String buildTime;
  private final String gitCommit;

  public BerthBuild(@ConfigProperty(name = "quarkus.application.version") String version) {
    this.version = version;
    Properties props = new Properties();
    try (InputStream in = BerthBuild.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        props.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    this.buildTime = resolved(props.getProperty("build.time"), "");
    this.gitCommit = resolved(props.getProperty("git.commit"), "unknown");
  }

  public String version() {
    return version;
  }

  /** RFC 3339 UTC instant of the Maven build; empty if unknown. */
  public String buildTime() {
    return buildTime;
  }

  public String gitCommit() {
    return gitCommit;
  }

  /** The Server header value, shaped like dockerd's "Docker/20.10.24 (linux)". */
  public String serverHeader() {
    return "Berth/" + version + " (linux)";
  }

  // An unfiltered resource still holds the literal "${...}" placeholder.
  private static String resolved(String value, String fallback) {
    return value == null || value.isBlank() || value.contains("${") ? fallback : value.trim();
  }
}
