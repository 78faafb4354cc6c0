package io.berth.gateway.audit.record;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an API call asks for, named {@code <object type>.<verb>} ({@code container.delete},
 * {@code image.pull}, {@code webhook.create}), with the object's id or name when the path (or, for
 * creations, the query) carries one. Derived from the path alone, so it needs no knowledge of the
 * routes and names a call to a path nobody serves too.
 */
public record Action(String name, String objectType, String objectId) {

  public static final String PLATFORM_PREFIX = "/berth/v1";

  /** Second segments that are verbs on the collection, not object ids. */
  private static final Set<String> COLLECTION_VERBS =
      Set.of("create", "prune", "load", "search", "json", "get");

  /** Image names hold '/' and ':': the verb is the last segment, the name all before it. */
  private static final Pattern IMAGE_VERB = Pattern.compile("^/images/(.+)/(tag|push|json|history|get)$");

  /**
   * @param path the unversioned path ("/containers/web/start", "/berth/v1/webhooks")
   * @param query a query parameter's value by name, null when absent
   */
  public static Action of(String method, String path, Function<String, String> query) {
    String m = method.toUpperCase(Locale.ROOT);
    boolean platform = path.equals(PLATFORM_PREFIX) || path.startsWith(PLATFORM_PREFIX + "/");
    String rest = platform ? path.substring(PLATFORM_PREFIX.length()) : path;
    List<String> seg = Arrays.stream(rest.split("/")).filter(s -> !s.isEmpty()).toList();
    if (seg.isEmpty()) {
      return new Action(platform ? "platform" : "root", null, null);
    }
    if (!platform && seg.get(0).equals("images")) {
      Action image = image(m, rest, seg, query);
      if (image != null) {
        return image;
      }
    }
    String type = singular(seg.get(0));
    if (seg.size() == 1) {
      if (platform) {
        return new Action(type + "." + collectionVerb(m), null, null);
      }
      if (seg.get(0).equals("commit")) {
        return new Action("commit", "container", query.apply("container"));
      }
      return new Action(seg.get(0), null, null);
    }
    if (COLLECTION_VERBS.contains(seg.get(1)) && seg.size() == 2) {
      String verb = seg.get(1).equals("json") ? "list" : seg.get(1);
      String id = verb.equals("create") ? query.apply("name") : null;
      return new Action(type + "." + verb, type, id);
    }
    String id = seg.get(1);
    if (seg.size() == 2) {
      return new Action(type + "." + objectVerb(m), type, id);
    }
    String verb = seg.get(seg.size() - 1);
    return new Action(type + "." + (verb.equals("json") ? "inspect" : verb), type, id);
  }

  private static Action image(String method, String path, List<String> seg, Function<String, String> query) {
    if (seg.size() == 2 && seg.get(1).equals("create")) {
      String from = query.apply("fromImage");
      if (from == null) {
        return new Action("image.import", "image", query.apply("repo"));
      }
      String tag = query.apply("tag");
      return new Action("image.pull", "image", tag == null || tag.isEmpty() ? from : from + ":" + tag);
    }
    Matcher verb = IMAGE_VERB.matcher(path);
    if (verb.matches() && !(seg.size() == 2)) {
      String v = verb.group(2).equals("json") ? "inspect" : verb.group(2);
      return new Action("image." + v, "image", verb.group(1));
    }
    if (seg.size() >= 2 && !COLLECTION_VERBS.contains(seg.get(1))) {
      return new Action("image." + objectVerb(method), "image", path.substring("/images/".length()));
    }
    return null;
  }

  private static String collectionVerb(String method) {
    return switch (method) {
      case "POST", "PUT" -> "create";
      case "DELETE" -> "delete";
      default -> "list";
    };
  }

  private static String objectVerb(String method) {
    return switch (method) {
      case "DELETE" -> "delete";
      case "POST", "PUT", "PATCH" -> "update";
      default -> "inspect";
    };
  }

  private static String singular(String collection) {
    return collection.endsWith("s") && collection.length() > 1
        ? collection.substring(0, collection.length() - 1) : collection;
  }
}
