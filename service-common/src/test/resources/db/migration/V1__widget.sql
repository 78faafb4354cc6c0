-- Test-only state changed together with outbox rows / by the idempotent consumer.
CREATE TABLE widget (
  id   uuid PRIMARY KEY,
  name text NOT NULL
);
CREATE INDEX widget_name ON widget (name);
