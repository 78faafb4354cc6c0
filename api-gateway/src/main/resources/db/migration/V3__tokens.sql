-- API tokens of the TCP listener (io.berth.gateway.auth.token). Only the SHA-256 of a secret is
-- kept: a stolen database does not give API access.
CREATE TABLE api_token (
  id             uuid PRIMARY KEY,
  name           text NOT NULL,
  role           text NOT NULL,              -- admin | operator | viewer | auditor
  secret_sha256  text NOT NULL UNIQUE,       -- hex SHA-256 of the secret the client sends
  created_at     timestamptz NOT NULL DEFAULT now(),
  revoked_at     timestamptz
);

-- A name identifies a token for TLS clients (certificate CN = token name): unique among live ones.
CREATE UNIQUE INDEX api_token_live_name ON api_token (name) WHERE revoked_at IS NULL;
