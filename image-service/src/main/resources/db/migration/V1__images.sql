-- image-service's own tables (schema `image`). Blob bytes live on disk; this is metadata only.

-- One row per image. The id is the config digest (Docker's image id); the manifest and config
-- bytes are kept exactly as produced or received, because their digests are over those bytes.
CREATE TABLE image (
  id                  text PRIMARY KEY,
  manifest_digest     text NOT NULL UNIQUE,
  manifest_media_type text NOT NULL,
  manifest            bytea NOT NULL,
  config              bytea NOT NULL,
  size                bigint NOT NULL,
  created             timestamptz NOT NULL,
  stored_at           timestamptz NOT NULL DEFAULT now()
);

-- Every blob an image references (config, layers, the manifest itself): the roots for deleting
-- blobs nobody uses any more.
CREATE TABLE image_blob (
  image_id text NOT NULL REFERENCES image (id) ON DELETE CASCADE,
  digest   text NOT NULL,
  PRIMARY KEY (image_id, digest)
);
CREATE INDEX image_blob_digest ON image_blob (digest);

-- name:tag -> image. repository is the familiar name Docker shows (busybox, localhost:5050/a/b).
CREATE TABLE tag (
  repository text NOT NULL,
  tag        text NOT NULL,
  image_id   text NOT NULL REFERENCES image (id),
  tagged_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository, tag)
);
CREATE INDEX tag_image_id ON tag (image_id);

-- Which containers use which image, learnt from container-service's facts (never its tables).
-- A removed container keeps a tombstone row so a redelivered ContainerCreated cannot revive it.
CREATE TABLE image_use (
  container_id    text PRIMARY KEY,
  manifest_digest text,
  removed         boolean NOT NULL DEFAULT false,
  updated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX image_use_manifest_digest ON image_use (manifest_digest) WHERE NOT removed;
