// KafkaUsers (SCRAM-SHA-512) with simple-authorizer ACLs, one per app and one for Kafka Connect.
//
// Who writes what: no service produces to a contract topic. A service writes a message to its outbox table in its
// own transaction; Debezium (inside Kafka Connect) reads the outbox through the database's publication and the
// outbox event router writes the record to the topic named by the row's `destination`. So Connect is the only
// writer of every contract topic, and the services only READ: the topics their handlers consume. The one thing an
// app writes itself is a dead letter: a record its handler rejects goes to `<consumed topic>.dlq` through the
// consumer's own producer (libs/messaging dead-letter.ts).
import { dlqTopicFor } from '@edr/contracts';
import { isWorker } from '@edr/topology';
import type { AppAccess, ConnectorFile, PlatformInputs } from './platform-inputs.js';
import { heartbeatTopicOf } from './kafka-topics.js';
import {
  CONNECT_CLUSTER,
  CONNECT_GROUP,
  CONNECT_INTERNAL_TOPICS,
  GENERATED_LABELS,
  KAFKA_CLUSTER,
  clusterLabel,
} from './names.js';

type Operation = 'Read' | 'Write' | 'Create' | 'Delete' | 'Describe' | 'DescribeConfigs';
interface Acl {
  resource: { type: 'topic' | 'group' | 'cluster'; name?: string; patternType?: 'literal' | 'prefix' };
  operations: Operation[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();
const topicAcl = (
  name: string,
  operations: Operation[],
  patternType: 'literal' | 'prefix' = 'literal',
): Acl => ({
  resource: { type: 'topic', name, patternType },
  operations,
});
const groupAcl = (name: string, patternType: 'literal' | 'prefix', operations: Operation[]): Acl => ({
  resource: { type: 'group', name, patternType },
  operations,
});

/**
 * The consumer groups of an app. A service's groups are all named `<service name>-…`: its own group
 * (`order-service`), the extra groups of its main.ts (`order-confirmation-worker`, `customer-contact`,
 * `payment-customer-copy`) and the throw-away groups of its replay tools (`order-replay-<uuid>`,
 * `projection-rebuild-<uuid>`), so one prefix ACL covers them and no other service's. A worker has exactly one group.
 */
export function groupAclOf(access: AppAccess): Acl {
  const operations: Operation[] = ['Read', 'Describe', 'Delete'];
  if (isWorker(access.app)) return groupAcl(access.app.groupId, 'literal', operations);
  return groupAcl(`${access.app.name}-`, 'prefix', operations);
}

/**
 * What an app may do with topics:
 * - Read (and Describe) the topics its handlers consume;
 * - Write (and Describe) the dead-letter topic of each of those;
 * - Read (and Describe) the other topics of its own contract: the owner may read its streams back (order-service's
 *   replay CLI reads order.events, which no handler of it consumes);
 * - Describe the topics its messages travel on and its contract's dead-letter topics: at boot it checks that the
 *   topics it uses exist and have leaders (libs/messaging ensureTopics). It never needs Create: every topic is a
 *   KafkaTopic, and a service that created one would create it with its local defaults (one replica).
 */
export function topicAclsOf(access: AppAccess, inputs: PlatformInputs): Acl[] {
  const read = access.consumes;
  const deadLetters: string[] = read.map((topic) => dlqTopicFor(topic));
  // A worker runs its context's tasks: its context's other topics (and reading its streams back) are the service's.
  const contract = isWorker(access.app) ? [] : (inputs.contractTopics.get(access.contractName) ?? []);
  const own = contract.filter((topic) => !read.includes(topic) && !deadLetters.includes(topic));
  const produced = [...inputs.producersByTopic]
    .filter(([topic, producers]) => producers.includes(access.contractName) && !read.includes(topic))
    .map(([topic]) => topic);
  const ownStreams = own.filter((topic) => !topic.endsWith('.dlq'));
  const describeOnly = sorted([...own, ...produced]).filter(
    (topic) => !deadLetters.includes(topic) && !ownStreams.includes(topic),
  );
  return [
    ...sorted([...read, ...ownStreams]).map((topic) => topicAcl(topic, ['Read', 'Describe'])),
    ...deadLetters.map((topic) => topicAcl(topic, ['Write', 'Describe'])),
    ...describeOnly.map((topic) => topicAcl(topic, ['Describe'])),
  ];
}

function kafkaUser(name: string, acls: Acl[]) {
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaUser',
    metadata: { name, labels: { ...clusterLabel(KAFKA_CLUSTER), ...GENERATED_LABELS } },
    spec: {
      authentication: { type: 'scram-sha-512' },
      authorization: { type: 'simple', acls },
    },
  };
}

/** One user per app, named like the app (`order-service`, `label-worker`); Strimzi puts its password in a Secret of that name. */
export function appUsers(inputs: PlatformInputs) {
  return inputs.apps.map((access) =>
    kafkaUser(access.app.app, [...topicAclsOf(access, inputs), groupAclOf(access)]),
  );
}

/**
 * Kafka Connect's user: its group and compacted internal topics (Connect creates them if the KafkaTopics are not
 * there yet), Write on every topic the outbox routes to (every topic some message names) and on the heartbeat
 * topics, and Describe on the cluster (the worker reads the cluster id at start).
 */
export function connectUser(inputs: PlatformInputs, connectors: readonly ConnectorFile[]) {
  const routed = sorted(inputs.producersByTopic.keys());
  const heartbeats = sorted(connectors.map(heartbeatTopicOf));
  const internal: Operation[] = ['Read', 'Write', 'Describe', 'DescribeConfigs', 'Create'];
  return kafkaUser(CONNECT_CLUSTER, [
    groupAcl(CONNECT_GROUP, 'literal', ['Read', 'Describe']),
    ...Object.values(CONNECT_INTERNAL_TOPICS).map((topic) => topicAcl(topic.name, internal)),
    ...routed.map((topic) => topicAcl(topic, ['Write', 'Describe'])),
    ...heartbeats.map((topic) => topicAcl(topic, ['Write', 'Describe'])),
    { resource: { type: 'cluster' }, operations: ['Describe'] },
  ]);
}
