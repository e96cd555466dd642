import type { Admin } from 'kafkajs';

/** Sum of the end offsets (records ever written) of each topic; a topic that does not exist counts 0. */
export async function endOffsetTotals(
  admin: Admin,
  topics: readonly string[],
): Promise<Record<string, number>> {
  const existing = new Set(await admin.listTopics());
  const entries = await Promise.all(
    topics.map(async (topic) => {
      if (!existing.has(topic)) return [topic, 0] as const;
      const partitions = await admin.fetchTopicOffsets(topic);
      return [topic, partitions.reduce((total, p) => total + Number(p.high), 0)] as const;
    }),
  );
  return Object.fromEntries(entries);
}

/** Records written per topic between two readings, and their total. */
export function offsetDelta(from: Record<string, number>, to: Record<string, number>) {
  const perTopic = Object.fromEntries(Object.keys(to).map((t) => [t, to[t]! - (from[t] ?? 0)]));
  return { perTopic, total: Object.values(perTopic).reduce((a, b) => a + b, 0) };
}

/** Records each topic holds now (high − low offset, over its partitions); a topic that does not exist holds 0. */
export async function heldRecords(admin: Admin, topics: readonly string[]): Promise<Record<string, number>> {
  const existing = new Set(await admin.listTopics());
  const entries = await Promise.all(
    topics.map(async (topic) => {
      if (!existing.has(topic)) return [topic, 0] as const;
      const partitions = await admin.fetchTopicOffsets(topic);
      return [topic, partitions.reduce((total, p) => total + Number(p.high) - Number(p.low), 0)] as const;
    }),
  );
  return Object.fromEntries(entries);
}
