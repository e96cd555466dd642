-- Databases, roles, publications and heartbeat tables of the local cluster (see docs/system-contract.md).
--
-- Single source for two runners:
--   * the official postgres image (docker-entrypoint-initdb.d): psql runs it once, as superuser, on an empty cluster;
--   * tools/infra (node-postgres): splits it into statements and `\connect` directives and runs it on every
--     `infra:up`, treating "already exists" errors as success.
-- So: plain SQL plus `\connect` only (no DO blocks, no other psql meta-commands), and every statement either
-- idempotent (GRANT, REVOKE, ALTER) or one that fails with "already exists" when re-run (CREATE, INSERT).
-- Passwords equal the role names: development only.

-- Debezium streams from the database of every service that publishes (has an outbox) through its own replication
-- slot (every service publishes today; libs/topology: `publishes`).
CREATE ROLE debezium WITH LOGIN REPLICATION PASSWORD 'debezium';

-- One login role and one database per service (libs/topology lists them); a role can reach only its own database.
CREATE ROLE order_svc WITH LOGIN PASSWORD 'order_svc';
CREATE ROLE payment_svc WITH LOGIN PASSWORD 'payment_svc';
CREATE ROLE inventory_svc WITH LOGIN PASSWORD 'inventory_svc';
CREATE ROLE shipping_svc WITH LOGIN PASSWORD 'shipping_svc';
CREATE ROLE customer_svc WITH LOGIN PASSWORD 'customer_svc';
CREATE ROLE projection_svc WITH LOGIN PASSWORD 'projection_svc';

CREATE DATABASE order_db OWNER order_svc;
CREATE DATABASE payment_db OWNER payment_svc;
CREATE DATABASE inventory_db OWNER inventory_svc;
CREATE DATABASE shipping_db OWNER shipping_svc;
CREATE DATABASE customer_db OWNER customer_svc;
CREATE DATABASE projection_db OWNER projection_svc;

REVOKE CONNECT, TEMPORARY ON DATABASE order_db FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE payment_db FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE inventory_db FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE shipping_db FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE customer_db FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE projection_db FROM PUBLIC;

GRANT CONNECT ON DATABASE order_db TO debezium;
GRANT CONNECT ON DATABASE payment_db TO debezium;
GRANT CONNECT ON DATABASE inventory_db TO debezium;
GRANT CONNECT ON DATABASE shipping_db TO debezium;
GRANT CONNECT ON DATABASE customer_db TO debezium;
GRANT CONNECT ON DATABASE projection_db TO debezium;

-- Per database of a service that publishes, the same block:
--   * debezium_heartbeat: Debezium's heartbeat.action.query updates it so the slot's confirmed LSN moves on while
--     the outbox is idle (all databases share one WAL; an idle slot would otherwise pin it). The table is in the
--     publication because pgoutput skips transactions that touch no published table, and then the connector never
--     sees the heartbeat. Debezium filters it out (table.include.list=public.outbox), so it reaches no topic.
--   * edr_outbox: created by the superuser (only it may add debezium's table), then handed to the service role,
--     whose outbox migration runs `ALTER PUBLICATION edr_outbox ADD TABLE outbox` (owner of both).
--   * default privileges: debezium may read whatever the service role creates (the connector reads table metadata).

\connect order_db
CREATE TABLE debezium_heartbeat (id int PRIMARY KEY, ts timestamptz);
ALTER TABLE debezium_heartbeat OWNER TO debezium;
INSERT INTO debezium_heartbeat (id, ts) VALUES (1, now());
CREATE PUBLICATION edr_outbox FOR TABLE debezium_heartbeat;
ALTER PUBLICATION edr_outbox OWNER TO order_svc;
GRANT USAGE ON SCHEMA public TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE order_svc IN SCHEMA public GRANT SELECT ON TABLES TO debezium;

\connect payment_db
CREATE TABLE debezium_heartbeat (id int PRIMARY KEY, ts timestamptz);
ALTER TABLE debezium_heartbeat OWNER TO debezium;
INSERT INTO debezium_heartbeat (id, ts) VALUES (1, now());
CREATE PUBLICATION edr_outbox FOR TABLE debezium_heartbeat;
ALTER PUBLICATION edr_outbox OWNER TO payment_svc;
GRANT USAGE ON SCHEMA public TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE payment_svc IN SCHEMA public GRANT SELECT ON TABLES TO debezium;

\connect inventory_db
CREATE TABLE debezium_heartbeat (id int PRIMARY KEY, ts timestamptz);
ALTER TABLE debezium_heartbeat OWNER TO debezium;
INSERT INTO debezium_heartbeat (id, ts) VALUES (1, now());
CREATE PUBLICATION edr_outbox FOR TABLE debezium_heartbeat;
ALTER PUBLICATION edr_outbox OWNER TO inventory_svc;
GRANT USAGE ON SCHEMA public TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE inventory_svc IN SCHEMA public GRANT SELECT ON TABLES TO debezium;

\connect shipping_db
CREATE TABLE debezium_heartbeat (id int PRIMARY KEY, ts timestamptz);
ALTER TABLE debezium_heartbeat OWNER TO debezium;
INSERT INTO debezium_heartbeat (id, ts) VALUES (1, now());
CREATE PUBLICATION edr_outbox FOR TABLE debezium_heartbeat;
ALTER PUBLICATION edr_outbox OWNER TO shipping_svc;
GRANT USAGE ON SCHEMA public TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE shipping_svc IN SCHEMA public GRANT SELECT ON TABLES TO debezium;

\connect customer_db
CREATE TABLE debezium_heartbeat (id int PRIMARY KEY, ts timestamptz);
ALTER TABLE debezium_heartbeat OWNER TO debezium;
INSERT INTO debezium_heartbeat (id, ts) VALUES (1, now());
CREATE PUBLICATION edr_outbox FOR TABLE debezium_heartbeat;
ALTER PUBLICATION edr_outbox OWNER TO customer_svc;
GRANT USAGE ON SCHEMA public TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE customer_svc IN SCHEMA public GRANT SELECT ON TABLES TO debezium;

\connect projection_db
CREATE TABLE debezium_heartbeat (id int PRIMARY KEY, ts timestamptz);
ALTER TABLE debezium_heartbeat OWNER TO debezium;
INSERT INTO debezium_heartbeat (id, ts) VALUES (1, now());
CREATE PUBLICATION edr_outbox FOR TABLE debezium_heartbeat;
ALTER PUBLICATION edr_outbox OWNER TO projection_svc;
GRANT USAGE ON SCHEMA public TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE projection_svc IN SCHEMA public GRANT SELECT ON TABLES TO debezium;

