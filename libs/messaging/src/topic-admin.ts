import { setTimeout as sleep } from 'node:timers/promises';
import type { Admin } from 'kafkajs';
import type { TopicDefinition } from '@edr/contracts';

/**
 * Creates the topics a service uses if they are missing and waits until every partition has a leader. Idempotent:
 * existing topics are left as they are. Services that share a topic create it with the same definition, often at
 * the same moment (a fresh cluster, everything starting together); the broker then briefly answers with errors about
 * topics it is still setting up, so those are retried for a few seconds before giving up.
 */
export async function ensureTopics(
  admin: Admin,
  topics: readonly TopicDefinition[],
  { attempts = 40, delayMs = 250 }: { attempts?: number; delayMs?: number } = {},
): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((t) => !existing.has(t.name));
      if (missing.length > 0) {
        await admin.createTopics({
          waitForLeaders: false,
          topics: missing.map((t) => ({
            topic: t.name,
            numPartitions: t.partitions,
            replicationFactor: t.replicationFactor ?? 1,
            configEntries: Object.entries(t.config ?? {}).map(([name, value]) => ({ name, value })),
          })),
        });
      }
      const { topics: metadata } = await admin.fetchTopicMetadata({ topics: topics.map((t) => t.name) });
      const leaderless = metadata.filter(
        (t) => t.partitions.length === 0 || t.partitions.some((p) => p.leader < 0),
      );
      if (leaderless.length === 0) return;
      throw new Error(`no leader yet for ${leaderless.map((t) => t.name).join(', ')}`);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(delayMs);
    }
  }
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
