package io.berth.container.container;

import java.util.Locale;

/** Docker's query booleans: {@code 1}, {@code true}, {@code True} are true; absent, {@code 0}, {@code false} are not. */
public final class DockerBooleans {
  private DockerBooleans() {}

  public static boolean parse(String value) {
    if (value == null) {
      return false;
    }
    String v = value.trim().toLowerCase(Locale.ROOT);
    return v.equals("1") || v.equals("true") || v.equals("yes");
  }
}
