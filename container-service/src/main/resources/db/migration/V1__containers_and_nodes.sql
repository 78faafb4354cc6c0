-- container-service: container records and the nodes seen through heartbeats.
CREATE TABLE containers (
  id              varchar(64)  PRIMARY KEY,
  name            varchar(255) NOT NULL,
  image           text         NOT NULL,
  image_id        text         NOT NULL,
  manifest_digest text         NOT NULL,
  repository      text         NOT NULL,
  config          text         NOT NULL,
  host_config     text         NOT NULL,
  labels          text         NOT NULL,
  node_id         varchar(255),
  state           varchar(16)  NOT NULL,
  pid             integer,
  exit_code       integer      NOT NULL DEFAULT 0,
  error           text,
  oom_killed      boolean      NOT NULL DEFAULT false,
  created_at      timestamptz  NOT NULL,
  started_at      timestamptz,
  finished_at     timestamptz,
  restart_count   integer      NOT NULL DEFAULT 0,
  auto_remove     boolean      NOT NULL DEFAULT false,
  start_count     integer      NOT NULL DEFAULT 0,
  exit_count      integer      NOT NULL DEFAULT 0,
  failure_count   integer      NOT NULL DEFAULT 0,
  CONSTRAINT containers_name_unique UNIQUE (name)
);
CREATE INDEX containers_state_idx ON containers (state);
CREATE INDEX containers_node_idx ON containers (node_id);

CREATE TABLE nodes (
  id            varchar(255) PRIMARY KEY,
  address       text,
  cpus          integer      NOT NULL DEFAULT 0,
  memory_bytes  bigint       NOT NULL DEFAULT 0,
  running_count integer      NOT NULL DEFAULT 0,
  last_seen     timestamptz  NOT NULL
);

-- What is left of a removed container for a while: `wait --condition=removed` and a start whose
-- container auto-removed read the exit code / error from here, also on another replica.
CREATE TABLE tombstones (
  id          varchar(64)  PRIMARY KEY,
  name        varchar(255) NOT NULL,
  exit_code   integer      NOT NULL DEFAULT 0,
  error       text,
  removed_at  timestamptz  NOT NULL
);
CREATE INDEX tombstones_removed_at_idx ON tombstones (removed_at);
