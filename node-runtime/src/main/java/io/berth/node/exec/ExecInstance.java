package io.berth.node.exec;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * One exec: created, then started once, then exited with a code. Lives in node-runtime's memory,
 * as dockerd keeps its exec configs: an exec is tied to a running task on this node.
 */
public final class ExecInstance {
  private final String id;
  private final String containerId;
  private final ExecConfig config;
  private final Instant created = Instant.now();
  private final AtomicBoolean started = new AtomicBoolean();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile long pid;
  private volatile ExecIo io;

  ExecInstance(String id, String containerId, ExecConfig config) {
    this.id = id;
    this.containerId = containerId;
    this.config = config;
  }

  public String id() {
    return id;
  }

  public String containerId() {
    return containerId;
  }

  public ExecConfig config() {
    return config;
  }

  public Instant created() {
    return created;
  }

  /** True for the one caller that may start it; an exec runs at most once (Docker's rule). */
  boolean claimStart() {
    return started.compareAndSet(false, true);
  }

  public boolean running() {
    return started.get() && !exit.isDone();
  }

  /** The exit code once the process ended, else null (Docker shows null until then). */
  public Integer exitCode() {
    return exit.isDone() ? exit.join() : null;
  }

  public CompletableFuture<Integer> exit() {
    return exit;
  }

  public long pid() {
    return pid;
  }

  void pid(long pid) {
    this.pid = pid;
  }

  /** Its streams once started, else null. */
  public ExecIo io() {
    return io;
  }

  void io(ExecIo io) {
    this.io = io;
  }
}
