-- Webhook subscriptions and their durable delivery outbox (io.berth.gateway.webhook).

CREATE TABLE webhook_subscription (
  id               uuid PRIMARY KEY,
  url              text NOT NULL,
  event_types      text NOT NULL DEFAULT '[]',   -- JSON array of type patterns ("io.berth.container.*")
  labels           text NOT NULL DEFAULT '{}',   -- JSON object: label key -> value ("" = key only)
  secret           text NOT NULL,                -- HMAC key (base64), returned only at creation
  binary_mode      boolean NOT NULL DEFAULT false,
  active           boolean NOT NULL DEFAULT true,
  disabled_reason  text,
  failed_attempts  integer NOT NULL DEFAULT 0,   -- consecutive, reset by any success
  failing_since    timestamptz,
  created_at       timestamptz NOT NULL DEFAULT now(),
  updated_at       timestamptz NOT NULL DEFAULT now()
);

-- One row per (subscription, event): the outbox the delivery worker drains. Written in the same
-- transaction as the consumed event's dedupe row, so a fact is matched exactly once.
CREATE TABLE webhook_delivery (
  id               bigserial PRIMARY KEY,         -- also the per-object order
  subscription_id  uuid NOT NULL REFERENCES webhook_subscription (id) ON DELETE CASCADE,
  event_id         text NOT NULL,                 -- CloudEvents id = webhook-id, stable across retries
  event_type       text NOT NULL,
  object_id        text NOT NULL,                 -- CloudEvents subject ('' if none)
  event            text NOT NULL,                 -- the structured CloudEvent JSON, sent byte for byte
  state            text NOT NULL DEFAULT 'pending', -- pending | delivered | failed
  attempts         integer NOT NULL DEFAULT 0,
  next_attempt_at  timestamptz NOT NULL DEFAULT now(),
  created_at       timestamptz NOT NULL DEFAULT now(),
  finished_at      timestamptz,
  UNIQUE (subscription_id, event_id)
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at, id) WHERE state = 'pending';
CREATE INDEX webhook_delivery_object ON webhook_delivery (subscription_id, object_id, id) WHERE state = 'pending';
CREATE INDEX webhook_delivery_by_subscription ON webhook_delivery (subscription_id, id);

-- The delivery log: one row per HTTP attempt.
CREATE TABLE webhook_attempt (
  id               bigserial PRIMARY KEY,
  delivery_id      bigint NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
  attempted_at     timestamptz NOT NULL,
  http_status      integer,
  latency_ms       integer NOT NULL,
  response_snippet text,
  error            text
);
CREATE INDEX webhook_attempt_by_delivery ON webhook_attempt (delivery_id, id);

-- Labels of objects whose later facts do not repeat them (ContainerRemoved), for label filters.
CREATE TABLE object_label (
  object_id        text PRIMARY KEY,
  labels           text NOT NULL
);
