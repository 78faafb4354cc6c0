package io.berth.image.build.engine;

import io.berth.oci.image.ImageConfigJson;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An image's run config being changed by a build step (Env keeps its order, as Docker does). */
final class MutableConfig {
  String user;
  final Map<String, Object> exposedPorts = new LinkedHashMap<>();
  final List<String> env = new ArrayList<>();
  List<String> entrypoint;
  List<String> cmd;
  final Map<String, Object> volumes = new LinkedHashMap<>();
  String workingDir;
  final Map<String, String> labels = new LinkedHashMap<>();
  String stopSignal;
  ImageConfigJson.Healthcheck healthcheck;
  List<String> onBuild;
  List<String> shell;

  MutableConfig(ImageConfigJson.Config c) {
    user = c.user();
    if (c.exposedPorts() != null) {
      exposedPorts.putAll(c.exposedPorts());
    }
    if (c.env() != null) {
      env.addAll(c.env());
    }
    entrypoint = c.entrypoint();
    cmd = c.cmd();
    if (c.volumes() != null) {
      volumes.putAll(c.volumes());
    }
    workingDir = c.workingDir();
    if (c.labels() != null) {
      labels.putAll(c.labels());
    }
    stopSignal = c.stopSignal();
    healthcheck = c.healthcheck();
    onBuild = c.onBuild();
    shell = c.shell();
  }

  /** Sets {@code key} in Env, in place when present (Docker keeps the first position). */
  void setEnv(String key, String value) {
    for (int i = 0; i < env.size(); i++) {
      if (keyOf(env.get(i)).equals(key)) {
        env.set(i, key + "=" + value);
        return;
      }
    }
    env.add(key + "=" + value);
  }

  /** Env as a map (later entries win). */
  Map<String, String> envMap() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String e : env) {
      int eq = e.indexOf('=');
      m.put(eq < 0 ? e : e.substring(0, eq), eq < 0 ? "" : e.substring(eq + 1));
    }
    return m;
  }

  static String keyOf(String envEntry) {
    int eq = envEntry.indexOf('=');
    return eq < 0 ? envEntry : envEntry.substring(0, eq);
  }

  ImageConfigJson.Config build() {
    return new ImageConfigJson.Config(
        user, exposedPorts.isEmpty() ? null : new LinkedHashMap<>(exposedPorts),
        env.isEmpty() ? null : List.copyOf(env), entrypoint, cmd,
        volumes.isEmpty() ? null : new LinkedHashMap<>(volumes), workingDir,
        labels.isEmpty() ? null : new LinkedHashMap<>(labels), stopSignal, healthcheck,
        onBuild == null || onBuild.isEmpty() ? null : List.copyOf(onBuild), shell);
  }
}
