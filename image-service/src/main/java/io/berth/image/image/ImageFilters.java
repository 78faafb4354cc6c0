package io.berth.image.image;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.berth.common.error.InvalidArgumentException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code docker images --filter}: dangling, reference (glob, {@code *} stops at {@code /}), label
 * ({@code key} or {@code key=value}), before and since (an image, compared by creation time).
 * Values of one key are alternatives; different keys must all hold. The wire form is Docker's
 * {@code {"key":{"value":true}}} (the older {@code {"key":["value"]}} is accepted too).
 */
final class ImageFilters {
  private static final Set<String> KNOWN = Set.of("dangling", "reference", "label", "before", "since");

  final Map<String, List<String>> values;

  private ImageFilters(Map<String, List<String>> values) {
    this.values = values;
  }

  static ImageFilters parse(String json) {
    return parse(json, KNOWN);
  }

  /** Parses filters, accepting only the {@code known} keys (each command has its own). */
  static ImageFilters parse(String json, Set<String> known) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    if (json == null || json.isBlank()) {
      return new ImageFilters(out);
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(json);
    } catch (Exception e) {
      throw new InvalidArgumentException("invalid filters: " + json);
    }
    if (root == null || !root.isObject()) {
      throw new InvalidArgumentException("invalid filters: " + json);
    }
    root.fields().forEachRemaining(f -> {
      if (!known.contains(f.getKey())) {
        throw new InvalidArgumentException("invalid filter '" + f.getKey() + "'");
      }
      List<String> vs = new ArrayList<>();
      if (f.getValue().isArray()) {
        f.getValue().forEach(v -> vs.add(v.asText()));
      } else {
        f.getValue().fieldNames().forEachRemaining(vs::add);
      }
      out.put(f.getKey(), vs);
    });
    for (String d : out.getOrDefault("dangling", List.of())) {
      if (!d.equalsIgnoreCase("true") && !d.equalsIgnoreCase("false") && !d.equals("1") && !d.equals("0")) {
        throw new InvalidArgumentException("invalid filter 'dangling=" + d + "'");
      }
    }
    return new ImageFilters(out);
  }

  List<String> images(String key) {
    return values.getOrDefault(key, List.of());
  }

  /**
   * Whether {@code s} (made at {@code created}) passes; {@code before}/{@code since} are the
   * creation times of the images those filters name, or null.
   */
  boolean accepts(ImageSummaryResponse s, Instant created, Instant before, Instant since) {
    List<String> dangling = values.get("dangling");
    if (dangling != null && !dangling.isEmpty()) {
      boolean want = dangling.get(0).equalsIgnoreCase("true") || dangling.get(0).equals("1");
      if (want != s.repoTags().isEmpty()) {
        return false;
      }
    }
    List<String> refs = values.get("reference");
    if (refs != null && refs.stream().noneMatch(p -> s.repoTags().stream().anyMatch(t -> matches(p, t)))) {
      return false;
    }
    List<String> labels = values.get("label");
    if (labels != null) {
      Map<String, String> have = s.labels() == null ? Map.of() : s.labels();
      for (String l : labels) {
        int eq = l.indexOf('=');
        boolean ok = eq < 0 ? have.containsKey(l) : l.substring(eq + 1).equals(have.get(l.substring(0, eq)));
        if (!ok) {
          return false;
        }
      }
    }
    return (before == null || created.isBefore(before)) && (since == null || created.isAfter(since));
  }

  /** Like dockerd: with a reference filter, only the matching RepoTags/RepoDigests are shown. */
  ImageSummaryResponse narrow(ImageSummaryResponse s) {
    List<String> refs = values.get("reference");
    if (refs == null) {
      return s;
    }
    List<String> tags = s.repoTags().stream().filter(t -> refs.stream().anyMatch(p -> matches(p, t))).toList();
    List<String> digests = s.repoDigests().stream()
        .filter(d -> refs.stream().anyMatch(p -> glob(p).matcher(d.substring(0, d.indexOf('@'))).matches())).toList();
    return new ImageSummaryResponse(s.id(), s.parentId(), tags, digests, s.created(), s.size(), s.sharedSize(),
        s.virtualSize(), s.labels(), s.containers());
  }

  /** A reference pattern against {@code repo:tag}: the whole of it, or the repository alone. */
  static boolean matches(String pattern, String repoTag) {
    Pattern p = glob(pattern);
    String repo = repoTag.substring(0, repoTag.lastIndexOf(':'));
    return p.matcher(repoTag).matches() || p.matcher(repo).matches();
  }

  private static Pattern glob(String pattern) {
    StringBuilder re = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
