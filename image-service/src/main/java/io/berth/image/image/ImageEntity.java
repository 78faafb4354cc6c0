package io.berth.image.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A stored image: its id (the config digest) and the exact manifest and config bytes. */
@Entity
@Table(name = "image")
public class ImageEntity {
  /** Immutable; {@code sha256:<hex>} of the config bytes. */
  @Id public String id;

  /** Immutable; digest of {@link #manifest}. */
  @Column(name = "manifest_digest")
  public String manifestDigest;

  @Column(name = "manifest_media_type")
  public String manifestMediaType;

  /** Immutable; the manifest exactly as stored, served unchanged. */
  public byte[] manifest;

  /** Immutable; the config exactly as stored. */
  public byte[] config;

  /** Sum of the layer sizes, as Docker reports Size. */
  public long size;

  /** When the image was made (the config's created). */
  public Instant created;

  @Column(name = "stored_at")
  public Instant storedAt;

  /** Immutable; the image a build step was made from (Docker's Parent), null for other images. */
  @Column(name = "parent_id")
  public String parentId;
}
