package io.berth.image.importer;

import io.berth.oci.ImageReference;
import java.util.List;

/** The parameters of {@code POST /images/create?fromSrc=-}, checked before the body is read. */
public record ImportRequest(ImageReference reference, String message, List<String> changes) {

  /** Docker accepts the tag in {@code repo} ({@code name:tag}) or in {@code tag}. */
  public static ImportRequest of(String repo, String tag, String message, List<String> changes) {
    ImageReference ref = null;
    if (repo != null && !repo.isBlank()) {
      String value = tag == null || tag.isBlank() ? repo : repo + ":" + tag;
      try {
        ref = ImageReference.parse(value);
      } catch (IllegalArgumentException e) {
        throw new InvalidImportException(e.getMessage());
      }
      if (ref.digest() != null) {
        throw new InvalidImportException("cannot import with a digest reference: " + value);
      }
    }
    return new ImportRequest(ref, message, changes == null ? List.of() : List.copyOf(changes));
  }
}
