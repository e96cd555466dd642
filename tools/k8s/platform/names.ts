// Names the generated objects share with the hand-written ones in k8s/base/platform (kafka.yaml, kafka-connect.yaml,
// postgres.yaml); generate-platform.spec.ts checks that those files use them.
export const KAFKA_CLUSTER = 'edr';
export const CONNECT_CLUSTER = 'edr-connect';
export const POSTGRES_CLUSTER = 'edr-postgres';
/** Connect's worker settings as tools/infra writes them (docs/system-contract.md): group and internal topics. */
export const CONNECT_GROUP = 'edr-connect';
export const CONNECT_INTERNAL_TOPICS = {
  config: { name: 'edr-connect-configs', partitions: 1 },
  offset: { name: 'edr-connect-offsets', partitions: 25 },
  status: { name: 'edr-connect-status', partitions: 5 },
} as const;
/** Debezium's default `topic.heartbeat.prefix`: heartbeats go to `<prefix>.<topic.prefix>`. */
export const DEBEZIUM_HEARTBEAT_PREFIX = '__debezium-heartbeat';
/** The role that owns the outbox publication; every service role is a member (infra/postgres/init.sql names it). */
export const CAPTURE_ROLE = 'edr_capture';
/**
 * Owner of the system database: CNPG's initdb creates the database it bootstraps with an owner role of its own.
 * NOLOGIN and nobody is a member, since a database's owner may create schemas and drop the database.
 */
export const DATABASE_OWNER_ROLE = 'edr_owner';
export const DEBEZIUM_ROLE = 'debezium';

/** A Kubernetes object name from a Postgres or Kafka name (`order_svc` → `order-svc`, `__x.y` → `x.y`). */
export const k8sName = (name: string) => name.replace(/_/g, '-').replace(/^-+/, '');
/** The Secret (type basic-auth: username, password) a Postgres login role's password lives in. */
export const roleSecretName = (role: string) => `${POSTGRES_CLUSTER}-${k8sName(role)}`;

export const clusterLabel = (cluster: string) => ({ 'strimzi.io/cluster': cluster });
export const GENERATED_LABELS = {
  'app.kubernetes.io/part-of': 'edr',
  'app.kubernetes.io/managed-by': 'generate-platform',
};
