package io.berth.container.container;

import java.security.SecureRandom;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

/**
 * Container names: Docker's validation rule and its {@code adjective_surname} generator for
 * containers created without {@code --name}. Names are stored without the leading slash.
 */
public final class ContainerNames {
  /**
   * Docker's character rule, with the optional leading slash the API tolerates. Unlike dockerd we
   * accept one-character names ({@code docker run --name s}): nothing depends on the second one.
   */
  public static final Pattern VALID = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]*$");

  private static final List<String> ADJECTIVES =
      List.of(
          "agile", "amazing", "bold", "brave", "bright", "calm", "clever", "cool", "curious",
          "daring", "eager", "elegant", "epic", "fervent", "focused", "friendly", "gallant",
          "gentle", "happy", "hopeful", "jolly", "keen", "kind", "lucid", "merry", "modest",
          "nifty", "noble", "patient", "peaceful", "quirky", "relaxed", "serene", "sharp",
          "stoic", "sweet", "tender", "trusting", "upbeat", "vibrant", "wizardly", "zealous");

  // People who shaped computing and science; the list is ours, the format is Docker's.
  private static final List<String> SURNAMES =
      List.of(
          "babbage", "backus", "bartik", "berners_lee", "boole", "cerf", "curie", "dijkstra",
          "einstein", "engelbart", "euler", "faraday", "feynman", "gauss", "goldberg", "hamilton",
          "hopper", "kahn", "knuth", "lamarr", "lamport", "liskov", "lovelace", "maxwell",
          "mccarthy", "meitner", "newton", "noether", "pascal", "perlman", "ritchie", "shannon",
          "sutherland", "tesla", "thompson", "torvalds", "turing", "vaughan", "wirth", "wozniak");

  private static final Random RANDOM = new SecureRandom();

  private ContainerNames() {}

  /** Whether {@code name} (with or without leading slash) is an acceptable container name. */
  public static boolean isValid(String name) {
    return name != null && VALID.matcher(name).matches();
  }

  /** {@code name} without its leading slash. */
  public static String normalize(String name) {
    return name.startsWith("/") ? name.substring(1) : name;
  }

  /**
   * A random {@code adjective_surname}; {@code attempt > 0} appends a digit, as Docker does when
   * the first picks collide.
   */
  public static String generate(int attempt) {
    String name =
        ADJECTIVES.get(RANDOM.nextInt(ADJECTIVES.size()))
            + "_"
            + SURNAMES.get(RANDOM.nextInt(SURNAMES.size()));
    return attempt > 0 ? name + RANDOM.nextInt(10) : name;
  }
}
