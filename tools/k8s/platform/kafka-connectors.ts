// KafkaConnector objects from infra/debezium/connectors/*.json, the files tools/infra and compose register: one
// source of truth. The `${env:...}` placeholders stay as they are: the KafkaConnect enables Kafka's
// EnvVarConfigProvider under the same name (`env`) the local worker uses, and sets each variable in the Connect
// container, the password from a Secret (kafka-connect.yaml). So the database password is never in a KafkaConnector,
// in Connect's REST answers or in Connect's config topic, exactly as locally.
import type { ConnectorFile } from './platform-inputs.js';
import { CONNECT_CLUSTER, GENERATED_LABELS, clusterLabel } from './names.js';

/**
 * What Kubernetes adds to every connector file. `slot.failover`: PostgreSQL 17 synchronises a logical slot to the
 * standbys only when it was created as a failover slot; Debezium creates it so with this flag (ignored before
 * PostgreSQL 17). With one local instance there is no standby, so the files leave it out.
 */
export const KUBERNETES_CONNECTOR_SETTINGS: Readonly<Record<string, string>> = { 'slot.failover': 'true' };

/** Fields of the file that the KafkaConnector carries in `spec.class` / `spec.tasksMax` instead of `config`. */
const SPEC_FIELDS = ['connector.class', 'tasks.max'];

/** The env variables a connector file reads through `${env:NAME}`, sorted. */
export function envPlaceholders(connector: ConnectorFile): string[] {
  const names = Object.values(connector.config).flatMap((value) =>
    [...value.matchAll(/\$\{env:([A-Za-z_][A-Za-z0-9_]*)\}/g)].map((m) => m[1]!),
  );
  return [...new Set(names)].sort();
}

export function kafkaConnector(connector: ConnectorFile) {
  const { config } = connector;
  const connectorClass = config['connector.class'];
  const tasksMax = Number(config['tasks.max'] ?? '1');
  if (!connectorClass) {
    throw new Error(`infra/debezium/connectors/${connector.name}.json: "connector.class" is missing`);
  }
  if (!Number.isInteger(tasksMax) || tasksMax < 1) {
    throw new Error(
      `infra/debezium/connectors/${connector.name}.json: "tasks.max" is ${config['tasks.max']}; expected a positive integer`,
    );
  }
  const rest = Object.fromEntries(Object.entries(config).filter(([key]) => !SPEC_FIELDS.includes(key)));
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaConnector',
    metadata: { name: connector.name, labels: { ...clusterLabel(CONNECT_CLUSTER), ...GENERATED_LABELS } },
    spec: {
      class: connectorClass,
      tasksMax,
      state: 'running',
      // Strimzi restarts a FAILED connector or task (with back-off), as infra:up's restartFailed does by hand.
      autoRestart: { enabled: true },
      config: { ...rest, ...KUBERNETES_CONNECTOR_SETTINGS },
    },
  };
}
