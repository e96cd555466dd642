// KafkaTopic objects: every topic of the contracts and each `.dlq`, Connect's internal topics and Debezium's
// heartbeat topics. The broker's auto-creation is off (kafka.yaml), so a topic missing here does not exist.
import type { TopicDefinition } from '@edr/contracts';
import type { ConnectorFile } from './platform-inputs.js';
import {
  CONNECT_INTERNAL_TOPICS,
  DEBEZIUM_HEARTBEAT_PREFIX,
  GENERATED_LABELS,
  KAFKA_CLUSTER,
  clusterLabel,
  k8sName,
} from './names.js';

/** Replicas and min ISR of the base (prod-like: 3 brokers); the dev overlay patches both to 1. */
export const TOPIC_REPLICAS = 3;
const MIN_IN_SYNC = '2';
/** Kafka's own default, stated: commands, tasks and dead letters keep it (libs/contracts: nothing is rebuilt from them). */
const SEVEN_DAYS_MS = String(7 * 24 * 60 * 60 * 1000);
const ONE_DAY_MS = String(24 * 60 * 60 * 1000);

/** Where a topic comes from; policy checks tell contract topics from the platform's own by this label. */
export const TOPIC_SOURCE_LABEL = 'edr.io/topic-source';
export type TopicSource = 'contracts' | 'connect' | 'debezium-heartbeat';

function kafkaTopic(
  topicName: string,
  source: TopicSource,
  partitions: number,
  config: Readonly<Record<string, string>>,
) {
  const name = k8sName(topicName);
  return {
    apiVersion: 'kafka.strimzi.io/v1',
    kind: 'KafkaTopic',
    metadata: {
      name,
      labels: { ...clusterLabel(KAFKA_CLUSTER), ...GENERATED_LABELS, [TOPIC_SOURCE_LABEL]: source },
    },
    spec: {
      ...(name === topicName ? {} : { topicName }),
      partitions,
      replicas: TOPIC_REPLICAS,
      config: { 'min.insync.replicas': MIN_IN_SYNC, ...config },
    },
  };
}

/** A contract topic: its partitions and config as libs/contracts defines them, retention and cleanup stated. */
export function contractTopic(topic: TopicDefinition) {
  return kafkaTopic(topic.name, 'contracts', topic.partitions, {
    'cleanup.policy': 'delete',
    'retention.ms': SEVEN_DAYS_MS,
    ...topic.config,
  });
}

/** Connect's config, offset and status topics: compacted, as Connect itself would create them. */
export function connectInternalTopics() {
  return Object.values(CONNECT_INTERNAL_TOPICS).map((topic) =>
    kafkaTopic(topic.name, 'connect', topic.partitions, { 'cleanup.policy': 'compact' }),
  );
}

/** One heartbeat topic per connector (`heartbeat.interval.ms` set): Debezium writes `<prefix>.<topic.prefix>`. */
export function heartbeatTopics(connectors: readonly ConnectorFile[]) {
  return connectors
    .filter((connector) => Number(connector.config['heartbeat.interval.ms'] ?? '0') > 0)
    .map((connector) =>
      kafkaTopic(heartbeatTopicOf(connector), 'debezium-heartbeat', 1, {
        'cleanup.policy': 'delete',
        'retention.ms': ONE_DAY_MS,
      }),
    );
}

export function heartbeatTopicOf(connector: ConnectorFile): string {
  const prefix = connector.config['topic.heartbeat.prefix'] ?? DEBEZIUM_HEARTBEAT_PREFIX;
  const topicPrefix = connector.config['topic.prefix'];
  if (!topicPrefix) throw new Error(`connector ${connector.name}: "topic.prefix" is missing`);
  return `${prefix}.${topicPrefix}`;
}
