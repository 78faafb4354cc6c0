-- Dockerfile builds (schema `image`).

-- The image a build step was made from, as Docker's classic builder records it (inspect's Parent).
-- `docker images` hides untagged images that are another image's parent (a build's intermediate
-- step images) unless -a, and `docker image prune` (dangling only) spares them: they are the cache.
ALTER TABLE image ADD COLUMN parent_id text;
CREATE INDEX image_parent_id ON image (parent_id) WHERE parent_id IS NOT NULL;

-- The build cache: one row per step result. key = sha256 over the parent image id, the canonical
-- instruction, the build args it sees and, for COPY/ADD, a checksum of its sources. Deleting the
-- step image (rmi, image prune -a) deletes its entries; `docker builder prune` deletes them all.
CREATE TABLE build_cache (
  key         text PRIMARY KEY,
  parent_id   text NOT NULL,
  created_by  text NOT NULL,
  image_id    text NOT NULL REFERENCES image (id) ON DELETE CASCADE,
  created     timestamptz NOT NULL DEFAULT now(),
  last_used   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX build_cache_image_id ON build_cache (image_id);
