package io.berth.image.build.engine;

import java.util.ArrayList;
import java.util.List;

/** EXPOSE's port specs as Docker reads them: {@code 80}, {@code 80/udp}, {@code 8000-8002/tcp}. */
final class Ports {
  private Ports() {}

  static List<String> expand(String spec) {
    String s = spec;
    int colon = s.lastIndexOf(':');
    if (colon >= 0) {
      s = s.substring(colon + 1); // ip:host:container: only the container port is exposed
    }
    String proto = "tcp";
    int slash = s.indexOf('/');
    if (slash >= 0) {
      proto = s.substring(slash + 1).toLowerCase(java.util.Locale.ROOT);
      s = s.substring(0, slash);
    }
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw new BuildFailure("invalid proto: " + proto);
    }
    int dash = s.indexOf('-');
    try {
      int first = Integer.parseInt(dash < 0 ? s : s.substring(0, dash));
      int last = dash < 0 ? first : Integer.parseInt(s.substring(dash + 1));
      if (first < 0 || last > 65535 || last < first) {
        throw new NumberFormatException();
      }
      List<String> out = new ArrayList<>();
      for (int p = first; p <= last; p++) {
        out.add(p + "/" + proto);
      }
      return out;
    } catch (NumberFormatException e) {
      throw new BuildFailure("invalid containerPort: " + s);
    }
  }
}
