-- Shipped by berth-service-common; runs in the schema of the service that includes the library
-- (Flyway's default schema), so table names stay unqualified here.

-- Transactional outbox: rows are written in the same transaction as the state change they
-- announce (Outbox.add) and published to Kafka by OutboxRelay in `sequence` order.
CREATE TABLE outbox (
  id           uuid PRIMARY KEY,             -- CloudEvents id
  sequence     bigserial NOT NULL UNIQUE,    -- publication order
  topic        text NOT NULL,
  message_key  text,                         -- Kafka key = CloudEvents subject
  type         text NOT NULL,
  source       text NOT NULL,
  subject      text,
  event_time   timestamptz NOT NULL,
  dataschema   text,
  content_type text NOT NULL DEFAULT 'application/json',
  payload      text NOT NULL,                -- the JSON of data, published byte for byte
  created_at   timestamptz NOT NULL DEFAULT now(),
  sent_at      timestamptz
);
CREATE INDEX outbox_unsent ON outbox (sequence) WHERE sent_at IS NULL;

-- Wakes the relay as soon as the inserting transaction commits (NOTIFY is transactional:
-- a rolled-back transaction notifies nobody). One channel per schema, as several services share
-- the database.
CREATE FUNCTION outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('berth_outbox_' || TG_TABLE_SCHEMA, '');
  RETURN NULL;
END;
$$;
CREATE TRIGGER outbox_inserted AFTER INSERT ON outbox
  FOR EACH STATEMENT EXECUTE FUNCTION outbox_notify();

-- Idempotent consumption: one row per processed event, deduplicated on (source, id).
CREATE TABLE processed_event (
  source       text NOT NULL,
  id           text NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, id)
);
