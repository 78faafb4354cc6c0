-- Networking (network-service): the create request's NetworkingConfig (aliases, --ip per network)
-- and Docker's NetworkSettings of the current run, as network-service allocated them at start.
ALTER TABLE containers ADD COLUMN networking_config text;
ALTER TABLE containers ADD COLUMN network_settings text;
