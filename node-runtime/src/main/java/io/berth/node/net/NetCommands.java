package io.berth.node.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code ip} and {@code nft} (iproute2 and nftables), optionally feeding a batch on stdin. */
public class NetCommands {

  /** Runs {@code command}; {@link IOException} with its output when it fails. */
  public String run(List<String> command, String stdin) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
    Process p = pb.start();
    try (OutputStream in = p.getOutputStream()) {
      if (stdin != null) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    try {
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(String.join(" ", command) + " timed out");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted running " + command.get(0), e);
    }
    if (p.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + out.strip());
    }
    return out;
  }

  /** {@code ip -batch -} with one command per line; {@code netns} null = the host's namespace. */
  public void ipBatch(String netns, List<String> lines) throws IOException {
    if (lines.isEmpty()) {
      return;
    }
    List<String> cmd = new ArrayList<>(List.of("ip"));
    if (netns != null) {
      cmd.addAll(List.of("-n", netns));
    }
    cmd.addAll(List.of("-batch", "-"));
    run(cmd, String.join("\n", lines) + "\n");
  }

  /** Like {@link #run} but a failure is ignored (for undoing what may already be gone). */
  public void quietly(List<String> command) {
    try {
      run(command, null);
    } catch (IOException e) {
      // already gone: nothing to undo
    }
  }
}
