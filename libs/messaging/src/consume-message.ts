import type { DataSource, EntityManager } from 'typeorm';
import { processOnce } from '@edr/inbox';
import type { BeforeMessageHook } from './before-message.js';
import { sendToDeadLetter } from './dead-letter.js';
import type { RawRecord } from './decode-record.js';
import type { HandlerMap } from './handler-map.js';
import { type PreparedMessage, type ReadyMessage, inboxRecordOf, prepareMessage } from './prepare-message.js';
import { type ConsumeOutcome, type RetryDeps, withRetries } from './retry-loop.js';

export interface ConsumeMessageDeps extends RetryDeps {
  readonly dataSource: DataSource;
  readonly beforeMessage?: BeforeMessageHook;
}

/**
 * One record on its own, transport-neutral: decode, validate and route it (prepareMessage), then apply it exactly
 * once: inbox row, the hook, the handler's effect and the outbox rows it writes commit in one transaction.
 * Duplicates are skipped; what can never succeed goes to `<topic>.dlq` at once; other errors are retried with
 * backoff (withRetries). consumeBatch falls back to this to isolate a failing record.
 */
export async function consumeMessage(
  record: RawRecord,
  deps: ConsumeMessageDeps,
  handlers: HandlerMap,
): Promise<ConsumeOutcome> {
  return consumePrepared(prepareMessage(record, handlers, deps.consumerGroup), deps);
}

export async function consumePrepared(
  prepared: PreparedMessage,
  deps: ConsumeMessageDeps,
): Promise<ConsumeOutcome> {
  if (!prepared.ok) {
    await sendToDeadLetter(deps.producer, prepared.record, prepared.error, deps.consumerGroup, 1);
    return 'dead-lettered';
  }
  return withRetries(prepared.record, prepared.event, deps, () =>
    processOnce(deps.dataSource, inboxRecordOf(prepared), (tx) => applyReady(prepared, tx, deps)),
  );
}

/** The hook, then the handler, inside the inbox transaction `tx`. */
export async function applyReady(
  message: ReadyMessage,
  tx: EntityManager,
  deps: Pick<ConsumeMessageDeps, 'beforeMessage'>,
): Promise<void> {
  await deps.beforeMessage?.(message.event);
  await message.apply(tx);
}
