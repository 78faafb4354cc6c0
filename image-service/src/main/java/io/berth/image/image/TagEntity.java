package io.berth.image.image;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** A name:tag pointing at an image; moving a tag rewrites {@link #imageId}. */
@Entity
@Table(name = "tag")
@IdClass(TagEntity.Key.class)
public class TagEntity {
  /** The familiar repository name, e.g. {@code busybox} or {@code localhost:5050/a/b}. */
  @Id public String repository;

  @Id public String tag;

  @Column(name = "image_id")
  public String imageId;

  @Column(name = "tagged_at")
  public Instant taggedAt;

  /** {@code repository:tag}, as Docker lists RepoTags. */
  public String repoTag() {
    return repository + ":" + tag;
  }

  /** Composite primary key. */
  public static class Key implements Serializable {
    public String repository;
    public String tag;

    public Key() {}

    public Key(String repository, String tag) {
      this.repository = repository;
      this.tag = tag;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k && Objects.equals(k.repository, repository) && Objects.equals(k.tag, tag);
    }

    @Override
    public int hashCode() {
      return Objects.hash(repository, tag);
    }
  }
}
