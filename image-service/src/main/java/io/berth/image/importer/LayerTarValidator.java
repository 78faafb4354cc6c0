package io.berth.image.importer;

import io.berth.oci.layer.LayerPathException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;

/**
 * The single call site for checking a layer tar before anything is stored: runs the oci module's
 * safe-path validator over the whole stream and turns its verdicts into 400-kind errors.
 */
@ApplicationScoped
public class LayerTarValidator {
  private final io.berth.oci.layer.LayerTarValidator validator = new io.berth.oci.layer.LayerTarValidator();

  /** Reads {@code tar} to its end; {@link InvalidImportException} on the first unsafe entry. */
  public void validate(InputStream tar) {
    validate(tar, false);
  }

  /** As {@link #validate(InputStream)}; {@code mayBeEmpty} accepts an archive without entries. */
  public void validate(InputStream tar, boolean mayBeEmpty) {
    try {
      if (validator.validate(tar).entries() == 0 && !mayBeEmpty) {
        // commons-compress reads non-tar input as an empty archive: refuse both.
        throw new InvalidImportException("invalid tar archive: no entries found");
      }
    } catch (LayerPathException e) {
      throw new InvalidImportException(e.getMessage(), e);
    } catch (IOException e) {
      throw new InvalidImportException("invalid tar archive: " + e.getMessage(), e);
    }
  }
}
