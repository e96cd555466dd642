import type { DataSource, EntityManager } from 'typeorm';

export interface InboxRecord {
  readonly messageId: string;
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
}

export type ProcessOutcome = 'processed' | 'duplicate';

/**
 * Runs `effect` at most once per message id. The inbox row and the effect commit in one transaction, so a crash
 * either loses both (the message is redelivered and applied) or keeps both (the redelivery is skipped). A concurrent
 * duplicate blocks on the primary key until the first commits, then sees the conflict and skips.
 */
export async function processOnce(
  dataSource: DataSource,
  record: InboxRecord,
  effect: (manager: EntityManager) => Promise<void>,
): Promise<ProcessOutcome> {
  return dataSource.transaction(async (manager) => {
    const inserted: unknown[] = await manager.query(
      `INSERT INTO inbox (message_id, topic, partition, "offset") VALUES ($1, $2, $3, $4)
       ON CONFLICT (message_id) DO NOTHING RETURNING message_id`,
      [record.messageId, record.topic, record.partition, record.offset],
    );
    if (inserted.length === 0) return 'duplicate';
    await effect(manager);
    return 'processed';
  });
}
