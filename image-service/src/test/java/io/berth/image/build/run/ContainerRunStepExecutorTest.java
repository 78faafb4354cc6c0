package io.berth.image.build.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.berth.image.blob.FilesystemBlobStore;
import io.berth.image.importer.CommitService;
import io.berth.image.importer.ImportService;
import io.berth.image.importer.LayerTarValidator;
import io.berth.oci.Digest;
import io.berth.oci.image.OciJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RUN step's calls against a stand-in container-service and node (the real ones: BuildIT). */
class ContainerRunStepExecutorTest {
  private static final RunStep STEP = new RunStep("build-1", "sha256:" + "ab".repeat(32),
      List.of("/bin/sh", "-c", "apt-get update"), List.of("DEBIAN_FRONTEND=noninteractive"), "/app", "", "default", false);

  @TempDir Path blobs;
  private FakeContainerApi api;
  private FilesystemBlobStore store;
  private ContainerRunStepExecutor executor;

  @BeforeEach
  void setUp() throws IOException {
    api = new FakeContainerApi();
    store = new FilesystemBlobStore(blobs);
    CommitService commits = new CommitService(new ImportService(store, new LayerTarValidator(), null), null, api.url());
    executor = new ContainerRunStepExecutor(new StepContainers(api.url()), commits, Duration.ofSeconds(20));
  }

  @AfterEach
  void tearDown() {
    api.close();
  }

  private RunOutcome run(RunStep step, StringBuilder output) throws IOException {
    return executor.run(step, output::append);
  }

  @Test
  void successfulStepStreamsItsOutputCapturesItsDiffAndRemovesTheContainer() throws IOException {
    byte[] text = "Get:1 http://deb.debian.org bookworm\nwörld ✓\n".getBytes(StandardCharsets.UTF_8);
    // Split inside the two bytes of "ö" (all before it is ASCII): the text waits for the second frame.
    int split = new String(text, StandardCharsets.UTF_8).indexOf('ö') + 1;
    api.output = FakeContainerApi.frames(Arrays.copyOfRange(text, 0, split), Arrays.copyOfRange(text, split, text.length));
    api.layer = tar("usr/bin/python3", "#!python");
    StringBuilder output = new StringBuilder();

    RunOutcome outcome = run(STEP, output);

    assertEquals(0, outcome.exitCode());
    assertEquals(FakeContainerApi.ID, outcome.containerId());
    assertEquals(new String(text, StandardCharsets.UTF_8), output.toString());
    assertNotNull(outcome.layer());
    assertEquals(Digest.sha256(api.layer), outcome.layer().digest());
    assertTrue(store.stat(outcome.layer().digest()).isPresent(), "the diff is in the blob store");

    JsonNode create = OciJson.mapper().readTree(api.createBody);
    assertEquals(STEP.imageId(), create.path("Image").asText());
    assertTrue(create.path("Entrypoint").isArray() && create.path("Entrypoint").isEmpty(), api.createBody);
    assertEquals(List.of("/bin/sh", "-c", "apt-get update"), strings(create.path("Cmd")));
    assertEquals(List.of("DEBIAN_FRONTEND=noninteractive"), strings(create.path("Env")));
    assertEquals("/app", create.path("WorkingDir").asText());
    assertFalse(create.path("Tty").asBoolean(true));
    assertEquals("build-1", create.path("Labels").path(StepContainers.BUILD_LABEL).asText());
    assertEquals("default", create.path("HostConfig").path("NetworkMode").asText());
    assertEquals(List.of("POST /containers/create", "POST /containers/" + FakeContainerApi.ID + "/start"),
        api.requests.subList(0, 2));
    assertTrue(api.requests.contains("DELETE /containers/" + FakeContainerApi.ID + "?force=1&v=1"), api.requests.toString());
    assertTrue(api.requests.indexOf("GET /containers/" + FakeContainerApi.ID + "/layer")
        < api.requests.indexOf("DELETE /containers/" + FakeContainerApi.ID + "?force=1&v=1"), "diff taken before removal");
  }

  @Test
  void failingStepHasNoLayerAndItsContainerIsRemoved() throws IOException {
    api.exitCode = 100;
    api.output = FakeContainerApi.frames("E: Unable to locate package nope\n".getBytes(StandardCharsets.UTF_8));
    StringBuilder output = new StringBuilder();
    List<String> started = new java.util.ArrayList<>();

    RunOutcome outcome = executor.run(STEP, id -> {
      started.add(id);
      assertTrue(output.isEmpty(), "the container id comes before its output");
    }, output::append);

    assertEquals(List.of(FakeContainerApi.ID), started);
    assertEquals(100, outcome.exitCode());
    assertNull(outcome.layer());
    assertEquals("E: Unable to locate package nope\n", output.toString());
    assertFalse(api.requests.stream().anyMatch(r -> r.endsWith("/layer")), api.requests.toString());
    assertTrue(api.requests.contains("DELETE /containers/" + FakeContainerApi.ID + "?force=1&v=1"));
  }

  @Test
  void keptContainerIsNotRemoved() throws IOException {
    RunStep keep = new RunStep("b", STEP.imageId(), STEP.argv(), STEP.env(), "", "", "none", true);
    RunOutcome outcome = run(keep, new StringBuilder());
    assertEquals(0, outcome.exitCode());
    assertNotNull(outcome.layer(), "a step that changed nothing still makes an (empty) layer");
    assertFalse(api.requests.stream().anyMatch(r -> r.startsWith("DELETE")), api.requests.toString());
  }

  @Test
  void aSlowStartIsWaitedFor() throws IOException {
    api.startStatus = 503;
    api.startError = "timed out after 30s waiting for the node to start container " + FakeContainerApi.ID;
    api.createdLookups = 3;
    assertEquals(0, run(STEP, new StringBuilder()).exitCode());
  }

  @Test
  void aStartFailureIsReportedAndTheContainerRemoved() {
    api.startStatus = 500;
    api.startError = "exec: \\\"nope\\\": executable file not found in $PATH";
    IOException e = assertThrows(IOException.class, () -> run(STEP, new StringBuilder()));
    assertTrue(e.getMessage().contains("executable file not found"), e.getMessage());
    assertTrue(api.requests.contains("DELETE /containers/" + FakeContainerApi.ID + "?force=1&v=1"));
  }

  private static List<String> strings(JsonNode array) {
    return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static byte[] tar(String name, String content) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
      byte[] data = content.getBytes(StandardCharsets.UTF_8);
      TarArchiveEntry e = new TarArchiveEntry(name);
      e.setSize(data.length);
      out.putArchiveEntry(e);
      out.write(data);
      out.closeArchiveEntry();
    }
    return bytes.toByteArray();
  }
}
