import { Logger } from '@nestjs/common';
import { processBatchOnce } from '@edr/inbox';
import { CorrelationContext } from './correlation-context.js';
import { type ConsumeMessageDeps, applyReady, consumePrepared } from './consume-message.js';
import type { RawRecord } from './decode-record.js';
import type { HandlerMap } from './handler-map.js';
import { type ReadyMessage, inboxRecordOf, prepareMessage } from './prepare-message.js';
import type { BatchProgress } from './record-batch.js';
import { type ConsumeOutcome, correlationOf, describeError } from './retry-loop.js';

export interface ConsumeBatchDeps extends ConsumeMessageDeps {
  /** Records applied in one transaction at most; a larger batch is applied in chunks of this size, in order. */
  readonly maxRecordsPerTransaction: number;
}

export type BatchOutcome = Record<ConsumeOutcome, number>;

const logger = new Logger('Consumer');

/**
 * Applies the records of one partition, in offset order, in as few transactions as possible: per chunk, one
 * transaction holds every new record's inbox row, the hook, its handler's effect and the outbox rows it writes.
 * The chunk's last offset is resolved only after that commit, so nothing is acknowledged before it is durable.
 * Records that can never succeed go to `<topic>.dlq` first. If the chunk's transaction fails, nothing of it is
 * kept and its records are applied one at a time (consumePrepared), which isolates the failing one: it is retried
 * with backoff and dead-lettered after the limit, while the others go through.
 */
export async function consumeBatch(
  records: readonly RawRecord[],
  progress: BatchProgress,
  deps: ConsumeBatchDeps,
  handlers: HandlerMap,
): Promise<BatchOutcome> {
  const outcome: BatchOutcome = { processed: 0, duplicate: 0, 'dead-lettered': 0 };
  for (let start = 0; start < records.length; start += deps.maxRecordsPerTransaction) {
    if (!progress.isRunning() || progress.isStale()) break;
    const chunk = records.slice(start, start + deps.maxRecordsPerTransaction);
    for (const result of await applyChunk(chunk, deps, handlers)) outcome[result] += 1;
    progress.resolveOffset(chunk[chunk.length - 1]!.offset);
    await progress.heartbeat();
  }
  return outcome;
}

async function applyChunk(
  chunk: readonly RawRecord[],
  deps: ConsumeBatchDeps,
  handlers: HandlerMap,
): Promise<ConsumeOutcome[]> {
  const prepared = chunk.map((record) => prepareMessage(record, handlers, deps.consumerGroup));
  const ready = prepared.filter((p): p is ReadyMessage => p.ok);
  const outcomes: ConsumeOutcome[] = [];
  for (const unfit of prepared) {
    if (!unfit.ok) outcomes.push(await consumePrepared(unfit, deps));
  }
  if (ready.length === 1) return [...outcomes, await consumePrepared(ready[0]!, deps)];
  try {
    const applied = await processBatchOnce(
      deps.dataSource,
      ready.map((message) => ({ ...inboxRecordOf(message), message })),
      (tx, { message }) =>
        CorrelationContext.run(correlationOf(message.event), () => applyReady(message, tx, deps)),
    );
    return [...outcomes, ...applied];
  } catch (error) {
    const first = ready[0]!.record;
    logger.warn(
      `${first.topic}[${first.partition}]@${first.offset}+${ready.length}: batch failed (${describeError(error)}); applying one at a time`,
    );
    for (const message of ready) outcomes.push(await consumePrepared(message, deps));
    return outcomes;
  }
}
