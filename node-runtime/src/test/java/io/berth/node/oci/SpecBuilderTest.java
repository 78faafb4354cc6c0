package io.berth.node.oci;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SpecBuilderTest {
  @TempDir Path rootfs;
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode build(String user, List<String> env) throws Exception {
    Files.createDirectories(rootfs.resolve("etc"));
    Files.writeString(rootfs.resolve("etc/passwd"), "app:x:1000:1000::/home/app:/bin/sh\n");
    Files.writeString(rootfs.resolve("etc/group"), "app:x:1000:\nstaff:x:50:app\n");
    RuntimeSpec spec =
        new SpecBuilder(new UserResolver(), 20000)
            .build(
                "c1",
                rootfs,
                new SpecBuilder.ContainerProcess(List.of("sh", "-c", "true"), env, "/work", user, "box"));
    return json.readTree(json.writeValueAsString(spec));
  }

  private static List<String> texts(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(n.isTextual() ? n.asText() : n.toString()));
    return out;
  }

  @Test
  void aTerminalIsSizedAndNamedAsDockerDoes() throws Exception {
    Files.createDirectories(rootfs.resolve("etc"));
    SpecBuilder builder = new SpecBuilder(new UserResolver(), 20000);
    JsonNode tty = json.valueToTree(builder.build("c1", rootfs, new SpecBuilder.ContainerProcess(
        List.of("sh"), List.of(), null, null, "box", null, null, List.of(), new ProcessStdio(true, true, true, 40, 100))));
    assertTrue(tty.at("/process/terminal").asBoolean());
    assertEquals(40, tty.at("/process/consoleSize/height").asInt());
    assertEquals(100, tty.at("/process/consoleSize/width").asInt());
    assertTrue(texts(tty.at("/process/env")).contains("TERM=xterm"), tty.toString());
    JsonNode own = json.valueToTree(builder.build("c1", rootfs, new SpecBuilder.ContainerProcess(
        List.of("sh"), List.of("TERM=vt100"), null, null, "box", null, null, List.of(), new ProcessStdio(true, false, false, 0, 0))));
    assertEquals(List.of("TERM=vt100"), texts(own.at("/process/env")).stream().filter(e -> e.startsWith("TERM=")).toList());
    assertTrue(own.at("/process/consoleSize").isMissingNode(), "no size given: the runtime's default");
    JsonNode plain = json.valueToTree(builder.build("c1", rootfs, new SpecBuilder.ContainerProcess(
        List.of("sh"), List.of(), null, null, "box")));
    assertFalse(plain.at("/process/terminal").asBoolean());
    assertTrue(plain.at("/process/consoleSize").isMissingNode());
    assertFalse(texts(plain.at("/process/env")).stream().anyMatch(e -> e.startsWith("TERM=")), "only with -t");
  }

  @Test
  void dockerLikeDefaults() throws Exception {
    JsonNode spec = build("app", List.of("FOO=bar"));
    assertEquals("1.0.2", spec.get("ociVersion").asText());
    assertEquals("rootfs", spec.at("/root/path").asText());
    assertFalse(spec.at("/root/readonly").asBoolean());
    assertEquals("box", spec.get("hostname").asText());
    JsonNode process = spec.get("process");
    assertFalse(process.get("terminal").asBoolean());
    assertEquals(List.of("sh", "-c", "true"), texts(process.get("args")));
    assertEquals("/work", process.get("cwd").asText());
    assertEquals(1000, process.at("/user/uid").asInt());
    assertEquals(1000, process.at("/user/gid").asInt());
    assertEquals("[50]", process.at("/user/additionalGids").toString());
    assertEquals(
        List.of("PATH=" + DockerDefaults.DEFAULT_PATH, "HOSTNAME=box", "FOO=bar", "HOME=/home/app"),
        texts(process.get("env")));
    assertEquals(14, process.at("/capabilities/bounding").size());
    assertEquals(texts(process.at("/capabilities/bounding")), texts(process.at("/capabilities/effective")));
    assertEquals(texts(process.at("/capabilities/bounding")), texts(process.at("/capabilities/permitted")));
    assertEquals(0, process.at("/capabilities/inheritable").size());
    assertTrue(texts(process.at("/capabilities/bounding")).contains("CAP_NET_BIND_SERVICE"));
    assertFalse(texts(process.at("/capabilities/bounding")).contains("CAP_SYS_ADMIN"));
    assertEquals(
        "{\"type\":\"RLIMIT_NOFILE\",\"hard\":20000,\"soft\":20000}", process.at("/rlimits/0").toString());

    JsonNode linux = spec.get("linux");
    assertEquals(
        "[{\"type\":\"pid\"},{\"type\":\"mount\"},{\"type\":\"uts\"},{\"type\":\"ipc\"},{\"type\":\"network\"}]",
        linux.get("namespaces").toString());
    assertEquals("/berth/c1", linux.get("cgroupsPath").asText());
    assertEquals("{\"devices\":[{\"allow\":false,\"access\":\"rwm\"}]}", linux.get("resources").toString());
    assertTrue(texts(linux.get("maskedPaths")).containsAll(List.of("/proc/kcore", "/proc/keys", "/sys/firmware")));
    assertTrue(texts(linux.get("readonlyPaths")).containsAll(List.of("/proc/sys", "/proc/sysrq-trigger")));

    List<String> destinations = new ArrayList<>();
    spec.get("mounts").forEach(m -> destinations.add(m.get("destination").asText()));
    assertEquals(
        List.of("/proc", "/dev", "/dev/pts", "/sys", "/sys/fs/cgroup", "/dev/mqueue", "/dev/shm"),
        destinations);
    assertEquals(
        "{\"destination\":\"/dev/pts\",\"type\":\"devpts\",\"source\":\"devpts\",\"options\":"
            + "[\"nosuid\",\"noexec\",\"newinstance\",\"ptmxmode=0666\",\"mode=0620\",\"gid=5\"]}",
        spec.at("/mounts/2").toString());
  }

  @Test
  void givenPathAndHomeWinAndLaterEnvOverridesEarlier() throws Exception {
    JsonNode spec = build("0", List.of("PATH=/x", "A=1", "HOME=/h", "A=2"));
    assertEquals(List.of("PATH=/x", "HOSTNAME=box", "HOME=/h", "A=2"), texts(spec.at("/process/env")));
    assertEquals(0, spec.at("/process/user/uid").asInt());
    assertTrue(spec.at("/process/user/additionalGids").isMissingNode());
  }
}
