-- network-service: networks, the addresses handed out on them (IPAM) and published host ports.
-- Every "never twice" rule is a constraint here, so no code path (concurrent requests, a second
-- replica, a restart) can break it; the service also serialises allocations per network with a
-- row lock so that it rarely hits them.
CREATE TABLE networks (
  id          varchar(64)  PRIMARY KEY,
  name        varchar(255) NOT NULL,
  driver      varchar(32)  NOT NULL,
  subnet      varchar(18)  NOT NULL,
  -- The same subnet as a cidr, for the no-overlap exclusion constraint below.
  subnet_cidr cidr GENERATED ALWAYS AS (subnet::cidr) STORED,
  gateway     varchar(15)  NOT NULL,
  ip_range    varchar(18),
  internal    boolean      NOT NULL DEFAULT false,
  is_default  boolean      NOT NULL DEFAULT false,
  bridge      varchar(15)  NOT NULL,
  labels      text         NOT NULL,
  options     text         NOT NULL,
  created_at  timestamptz  NOT NULL,
  CONSTRAINT networks_name_unique UNIQUE (name),
  CONSTRAINT networks_bridge_unique UNIQUE (bridge),
  CONSTRAINT networks_subnets_disjoint EXCLUDE USING gist (subnet_cidr inet_ops WITH &&)
);

-- An endpoint exists while its container is wired (from start until it exits or is removed).
CREATE TABLE endpoints (
  id             varchar(64)  PRIMARY KEY,
  network_id     varchar(64)  NOT NULL REFERENCES networks (id),
  container_id   varchar(64)  NOT NULL,
  container_name varchar(255) NOT NULL,
  ip_address     varchar(15)  NOT NULL,
  mac_address    varchar(17)  NOT NULL,
  aliases        text         NOT NULL,
  created_at     timestamptz  NOT NULL,
  CONSTRAINT endpoints_address_unique UNIQUE (network_id, ip_address),
  CONSTRAINT endpoints_container_unique UNIQUE (network_id, container_id)
);
CREATE INDEX endpoints_container_idx ON endpoints (container_id);

-- Networks a stopped container was connected to (docker network connect): they get an
-- endpoint at its next start.
CREATE TABLE attachments (
  container_id varchar(64) NOT NULL,
  network_id   varchar(64) NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
  ip_address   varchar(15),
  aliases      text        NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (container_id, network_id)
);

-- A host port is published by at most one container, whatever the host address.
CREATE TABLE port_bindings (
  id             varchar(36)  PRIMARY KEY,
  container_id   varchar(64)  NOT NULL,
  host_ip        varchar(15)  NOT NULL,
  host_port      integer      NOT NULL,
  container_port integer      NOT NULL,
  protocol       varchar(3)   NOT NULL,
  created_at     timestamptz  NOT NULL,
  CONSTRAINT port_bindings_host_port_unique UNIQUE (host_port, protocol)
);
CREATE INDEX port_bindings_container_idx ON port_bindings (container_id);
