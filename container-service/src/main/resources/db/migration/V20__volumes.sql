-- container-service: named and anonymous volumes (their data lives on the nodes) and which
-- container uses which; a container's resolved mounts are kept with it (inspect, run, volumes-from).
CREATE TABLE volumes (
  name        varchar(255) PRIMARY KEY,
  driver      varchar(64)  NOT NULL DEFAULT 'local',
  labels      text         NOT NULL DEFAULT '{}',
  options     text         NOT NULL DEFAULT '{}',
  anonymous   boolean      NOT NULL DEFAULT false,
  created_at  timestamptz  NOT NULL
);
CREATE TABLE container_volumes (
  container_id varchar(64)  NOT NULL REFERENCES containers (id) ON DELETE CASCADE,
  volume_name  varchar(255) NOT NULL REFERENCES volumes (name),
  PRIMARY KEY (container_id, volume_name)
);
CREATE INDEX container_volumes_volume_idx ON container_volumes (volume_name);
ALTER TABLE containers ADD COLUMN mounts text NOT NULL DEFAULT '[]';
