-- How often the removed container had started: a start request whose short --rm task started,
-- exited and was removed before the request looked again still learns that it started.
ALTER TABLE tombstones ADD COLUMN start_count integer NOT NULL DEFAULT 0;
