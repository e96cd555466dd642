-- Roles, the system database, its schemas, publication and heartbeat table (see docs/system-contract.md and
-- docs/adr/0009-one-database-schema-per-service.md).
--
-- Single source for two runners:
--   * the official postgres image (docker-entrypoint-initdb.d): psql runs it once, as superuser, on an empty cluster;
--   * tools/infra (node-postgres): splits it into statements and `\connect` directives and runs it on every
--     `infra:up`, treating "already exists" errors as success.
-- So: plain SQL plus `\connect` only (no DO blocks, no other psql meta-commands), and every statement either
-- idempotent (GRANT, REVOKE, ALTER) or one that fails with "already exists" when re-run (CREATE, INSERT).
-- Passwords equal the role names: development only.

-- Debezium streams every service's outbox from the one database `edr` through one replication slot and one
-- connector (infra/debezium/connectors/edr-outbox.json).
CREATE ROLE debezium WITH LOGIN REPLICATION PASSWORD 'debezium';

-- One login role per service (libs/topology lists them). Each owns a schema of its own name in `edr`: PostgreSQL's
-- default search_path ("$user", public) makes that schema the one its migrations and queries use unqualified, and
-- no role has USAGE on another's schema, so a service cannot read or write another service's tables.
CREATE ROLE order_svc WITH LOGIN PASSWORD 'order_svc';
CREATE ROLE payment_svc WITH LOGIN PASSWORD 'payment_svc';
CREATE ROLE inventory_svc WITH LOGIN PASSWORD 'inventory_svc';
CREATE ROLE shipping_svc WITH LOGIN PASSWORD 'shipping_svc';
CREATE ROLE customer_svc WITH LOGIN PASSWORD 'customer_svc';
CREATE ROLE projection_svc WITH LOGIN PASSWORD 'projection_svc';

-- Owner of the publication. Every service role is a member so that its outbox migration can add its own outbox
-- table (ALTER PUBLICATION needs ownership of the publication and of the table); the membership grants nothing on
-- any table.
CREATE ROLE edr_capture NOLOGIN;
GRANT edr_capture TO order_svc;
GRANT edr_capture TO payment_svc;
GRANT edr_capture TO inventory_svc;
GRANT edr_capture TO shipping_svc;
GRANT edr_capture TO customer_svc;
GRANT edr_capture TO projection_svc;

CREATE DATABASE edr;
REVOKE CONNECT, TEMPORARY ON DATABASE edr FROM PUBLIC;
GRANT CONNECT ON DATABASE edr TO debezium, order_svc, payment_svc, inventory_svc, shipping_svc, customer_svc, projection_svc;
-- projection-service rebuilds a view in scratch schemas of its own (`projection_svc_rebuild_<view>`, ADR 0008), so its
-- role may create schemas; a schema it creates is its own and gives it nothing of another role's.
GRANT CREATE ON DATABASE edr TO projection_svc;

\connect edr
-- Nothing lives in `public`: a table created there by mistake would be visible to every role.
REVOKE ALL ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA order_svc AUTHORIZATION order_svc;
CREATE SCHEMA payment_svc AUTHORIZATION payment_svc;
CREATE SCHEMA inventory_svc AUTHORIZATION inventory_svc;
CREATE SCHEMA shipping_svc AUTHORIZATION shipping_svc;
CREATE SCHEMA customer_svc AUTHORIZATION customer_svc;
CREATE SCHEMA projection_svc AUTHORIZATION projection_svc;

-- Debezium reads table metadata of what it captures; it may read whatever a service role creates in its schema.
GRANT USAGE ON SCHEMA order_svc TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE order_svc IN SCHEMA order_svc GRANT SELECT ON TABLES TO debezium;
GRANT USAGE ON SCHEMA payment_svc TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE payment_svc IN SCHEMA payment_svc GRANT SELECT ON TABLES TO debezium;
GRANT USAGE ON SCHEMA inventory_svc TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE inventory_svc IN SCHEMA inventory_svc GRANT SELECT ON TABLES TO debezium;
GRANT USAGE ON SCHEMA shipping_svc TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE shipping_svc IN SCHEMA shipping_svc GRANT SELECT ON TABLES TO debezium;
GRANT USAGE ON SCHEMA customer_svc TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE customer_svc IN SCHEMA customer_svc GRANT SELECT ON TABLES TO debezium;
GRANT USAGE ON SCHEMA projection_svc TO debezium;
ALTER DEFAULT PRIVILEGES FOR ROLE projection_svc IN SCHEMA projection_svc GRANT SELECT ON TABLES TO debezium;

-- capture.debezium_heartbeat: Debezium's heartbeat.action.query updates it so the slot's confirmed LSN moves on
-- while every outbox is idle (an idle slot would pin the WAL). It is in the publication because pgoutput skips
-- transactions that touch no published table, and then the connector never sees the heartbeat; the connector's
-- table.include.list leaves it out, so it reaches no topic.
-- edr_outbox starts with the heartbeat only; each service's outbox migration adds `<role>.outbox`
-- (libs/outbox/src/outbox-table.migration.ts).
CREATE SCHEMA capture AUTHORIZATION debezium;
CREATE TABLE capture.debezium_heartbeat (id int PRIMARY KEY, ts timestamptz);
ALTER TABLE capture.debezium_heartbeat OWNER TO debezium;
INSERT INTO capture.debezium_heartbeat (id, ts) VALUES (1, now());
CREATE PUBLICATION edr_outbox FOR TABLE capture.debezium_heartbeat;
ALTER PUBLICATION edr_outbox OWNER TO edr_capture;
