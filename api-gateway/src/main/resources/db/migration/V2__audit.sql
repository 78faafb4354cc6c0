-- The audit trail (io.berth.gateway.audit): one row per state-changing or denied API call, each
-- chained to the one before by hash. Appends hold an advisory lock and take seq = head + 1, so the
-- chain never forks and has no gaps; the primary key refuses a fork even if that lock were skipped.

CREATE TABLE audit_log (
  seq          bigint PRIMARY KEY,
  recorded_at  timestamptz NOT NULL,
  actor        text NOT NULL,          -- token name, or 'anonymous'
  token_id     text,
  role         text,
  transport    text NOT NULL,          -- unix | tcp | tls
  peer         text,                   -- remote address or socket path
  method       text NOT NULL,
  path         text NOT NULL,          -- as the client sent it, with its /vX.Y prefix
  action       text NOT NULL,          -- container.delete, image.pull, webhook.create, ...
  object_type  text,
  object_id    text,
  status       integer NOT NULL,       -- HTTP status; 101 hijacked stream; 0 no answer sent
  reason       text,                   -- why a denied call was denied
  prev_hash    char(64) NOT NULL,
  hash         char(64) NOT NULL
);
CREATE INDEX audit_log_actor ON audit_log (actor, seq);
CREATE INDEX audit_log_token ON audit_log (token_id, seq) WHERE token_id IS NOT NULL;
CREATE INDEX audit_log_object ON audit_log (object_id, seq) WHERE object_id IS NOT NULL;
CREATE INDEX audit_log_action ON audit_log (action, seq);
CREATE INDEX audit_log_time ON audit_log (recorded_at);
