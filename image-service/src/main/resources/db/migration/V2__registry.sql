-- The registry's own content (schema `image`): manifests pushed over /v2/, tags on them, and which
-- blobs each repository may serve. Docker images (table image) stay readable over /v2/ as before.

-- Every manifest pushed to a repository, bytes exactly as received (their digest is over them).
CREATE TABLE manifest (
  repository    text NOT NULL,
  digest        text NOT NULL,
  media_type    text NOT NULL,
  content       bytea NOT NULL,
  subject       text,
  artifact_type text,
  pushed_at     timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository, digest)
);
CREATE INDEX manifest_subject ON manifest (repository, subject) WHERE subject IS NOT NULL;

-- Tags on pushed manifests; deleting the manifest deletes its tags.
CREATE TABLE manifest_tag (
  repository text NOT NULL,
  tag        text NOT NULL,
  digest     text NOT NULL,
  tagged_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository, tag),
  FOREIGN KEY (repository, digest) REFERENCES manifest (repository, digest) ON DELETE CASCADE
);

-- Blobs a repository holds (uploaded or mounted into it): blob GET/DELETE and mounts go by these
-- links; the bytes are stored once, whatever the number of links.
CREATE TABLE repository_blob (
  repository text NOT NULL,
  digest     text NOT NULL,
  linked_at  timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (repository, digest)
);
CREATE INDEX repository_blob_digest ON repository_blob (digest);
