import type { Admin } from 'kafkajs';
import type { TopicDefinition } from '@edr/contracts';

/** Creates the topics a service owns if they are missing. Idempotent: existing topics are left as they are. */
export async function ensureTopics(admin: Admin, topics: readonly TopicDefinition[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((t) => ({
      topic: t.name,
      numPartitions: t.partitions,
      replicationFactor: t.replicationFactor ?? 1,
      configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
    })),
  });
}

/** A metadata round trip to the cluster; used by /health. */
export async function pingKafka(admin: Admin, timeoutMs = 3_000): Promise<{ brokers: number }> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Kafka did not answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    const cluster = await Promise.race([admin.describeCluster(), timeout]);
    return { brokers: cluster.brokers.length };
  } finally {
    clearTimeout(timer);
  }
}
