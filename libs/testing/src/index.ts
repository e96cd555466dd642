/**
 * Helpers for integration tests and dev tooling that drive the real stack: start built services, talk to their
 * databases and to Kafka, wait for outcomes. Never imported by a service or a lib's own code (lint enforces it:
 * docs/adr/0001-esm-workspace-and-layout.md).
 */
export { type AppName, serviceDatabaseUrl, startApp, startWorker, testPorts } from './apps.js';
export { queryDb } from './db.js';
export { getJson, sendJson } from './http.js';
export { infra } from './infra.js';
export { drained, header, kafka, recordTap } from './kafka.js';
export { type RunningService, type ServiceSpec, repoRoot, startService } from './service-process.js';
export { waitFor } from './wait-for.js';
export { type SaleSpec, kafkaMessageOf, orderPlacedEnvelope, saleEnvelopes } from './fixtures.js';
export { activeCustomer } from './customers.js';
export { type SseEvent, readSse } from './server-sent-events.js';
export {
  type K8sConfigReport,
  fittingK8sConfig,
  k8sConfigEnv,
  k8sConfigReport,
  schemaVariables,
} from './k8s-config.js';
