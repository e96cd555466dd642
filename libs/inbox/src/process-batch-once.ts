import type { DataSource, EntityManager } from 'typeorm';
import type { InboxRecord, ProcessOutcome } from './process-once.js';

/**
 * {@link processOnce} for many messages in one transaction: one multi-row insert claims the inbox rows, then
 * `effect` runs for each new message in the given order (a message id seen twice, in the batch or before it, is a
 * duplicate). All inbox rows and every effect commit together or not at all; an effect that throws rolls back the
 * whole batch, and the caller decides how to isolate it. Outcomes come back in the order of `records`.
 */
export async function processBatchOnce<R extends InboxRecord>(
  dataSource: DataSource,
  records: readonly R[],
  effect: (manager: EntityManager, record: R) => Promise<void>,
): Promise<ProcessOutcome[]> {
  if (records.length === 0) return [];
  return dataSource.transaction(async (manager) => {
    const values = records.map((_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}, $${i * 4 + 4})`);
    const claimed: { message_id: string }[] = await manager.query(
      `INSERT INTO inbox (message_id, topic, partition, "offset") VALUES ${values.join(', ')}
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      records.flatMap((r) => [r.messageId, r.topic, r.partition, r.offset]),
    );
    const fresh = new Set(claimed.map((row) => row.message_id));
    const outcomes: ProcessOutcome[] = [];
    for (const record of records) {
      // delete: a second copy of the same id later in this batch is a duplicate of the first
      if (!fresh.delete(record.messageId)) {
        outcomes.push('duplicate');
        continue;
      }
      await effect(manager, record);
      outcomes.push('processed');
    }
    return outcomes;
  });
}
