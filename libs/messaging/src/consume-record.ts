import type { DataSource, EntityManager } from 'typeorm';
import { processOnce } from '@edr/inbox';
import type { RawRecord } from './decode-record.js';
import type { IncomingEvent } from './incoming-message.js';
import { receiveRecord } from './receive-record.js';
import type { ConsumeOutcome, ReceiveDeps } from './retry-loop.js';

/** Applies one event; everything written through `manager` commits together with the inbox row. */
export type EventHandler = (event: IncomingEvent, manager: EntityManager) => Promise<void>;

export interface ConsumeDeps extends ReceiveDeps {
  readonly dataSource: DataSource;
}

/**
 * The consumer side of every service: receiveRecord (validate, retry, dead-letter) around an inbox transaction,
 * so each message's effect is applied exactly once however often Kafka delivers it.
 */
export async function consumeRecord(
  record: RawRecord,
  deps: ConsumeDeps,
  handle: EventHandler,
): Promise<ConsumeOutcome> {
  return receiveRecord(record, deps, (event) =>
    processOnce(
      deps.dataSource,
      { messageId: event.messageId, topic: event.topic, partition: event.partition, offset: event.offset },
      (manager) => handle(event, manager),
    ),
  );
}
