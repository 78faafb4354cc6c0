package io.berth.container.container;

import java.time.Duration;
import java.time.Instant;

/** Docker's human-readable {@code Status} column of {@code docker ps}. */
public final class ContainerStatusText {
  private ContainerStatusText() {}

  /** E.g. {@code Up 3 seconds}, {@code Exited (0) 5 seconds ago}, {@code Created}. */
  public static String of(ContainerEntity c, Instant now) {
    return switch (c.state) {
      case CREATED -> "Created";
      case RUNNING -> "Up " + humanDuration(Duration.between(c.startedAt == null ? now : c.startedAt, now));
      case PAUSED -> "Up " + humanDuration(Duration.between(c.startedAt == null ? now : c.startedAt, now)) + " (Paused)";
      case EXITED ->
          c.finishedAt == null
              ? "Exited (" + c.exitCode + ")"
              : "Exited (" + c.exitCode + ") " + humanDuration(Duration.between(c.finishedAt, now)) + " ago";
      case REMOVING -> "Removal In Progress";
      case DEAD -> "Dead";
    };
  }

  /** Docker's (go-units) rounding of a duration into words. */
  public static String humanDuration(Duration d) {
    long seconds = d.getSeconds();
    if (seconds < 1) {
      return "Less than a second";
    }
    if (seconds == 1) {
      return "1 second";
    }
    if (seconds < 60) {
      return seconds + " seconds";
    }
    long minutes = seconds / 60;
    if (minutes == 1) {
      return "About a minute";
    }
    if (minutes < 60) {
      return minutes + " minutes";
    }
    long hours = Math.round(seconds / 3600.0);
    if (hours == 1) {
      return "About an hour";
    }
    if (hours < 48) {
      return hours + " hours";
    }
    if (hours < 24 * 7 * 2) {
      return hours / 24 + " days";
    }
    if (hours < 24 * 30 * 2) {
      return hours / 24 / 7 + " weeks";
    }
    if (hours < 24 * 365 * 2) {
      return hours / 24 / 30 + " months";
    }
    return seconds / 3600 / 24 / 365 + " years";
  }
}
