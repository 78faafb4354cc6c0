package io.berth.image.registry;

import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.TreeSet;
import java.util.Collection;

/**
 * One page of a sorted name list ({@code ?n=&last=}), and the {@code Link} header pointing at the
 * next page when there is one.
 */
record Page(List<String> items, String next) {

  static Page of(Collection<String> all, Integer n, String last) {
    TreeSet<String> sorted = new TreeSet<>(all);
    var after = last == null || last.isEmpty() ? sorted : sorted.tailSet(last, false);
    if (n == null || n < 0 || n >= after.size()) {
      return new Page(List.copyOf(after), null);
    }
    List<String> items = after.stream().limit(n).toList();
    return new Page(items, items.isEmpty() ? null : items.get(items.size() - 1));
  }

  /** Adds {@code Link: <path?n=N&last=X>; rel="next"} when a further page exists. */
  Response.ResponseBuilder link(Response.ResponseBuilder b, String path, Integer n) {
    if (next != null) {
      b.header("Link", "<" + path + "?n=" + n + "&last=" + next + ">; rel=\"next\"");
    }
    return b;
  }
}
