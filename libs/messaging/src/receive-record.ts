import { parseEvent } from '@edr/contracts';
import { sendToDeadLetter } from './dead-letter.js';
import { type RawRecord, decodeJsonValue } from './decode-record.js';
import { type IncomingEvent, incomingEvent } from './incoming-message.js';
import { type ConsumeOutcome, type ReceiveDeps, withRetries } from './retry-loop.js';

/**
 * Decode, validate against the contracts, run the handler with retries, dead-letter what cannot be applied.
 * A record that can never succeed (not JSON, not a valid message, UnprocessableMessageError) goes to `<topic>.dlq`
 * at once; any other error is retried with backoff (see withRetries). For handlers that do their own deduplication;
 * consumers with a handler map use MessageConsumer.
 */
export async function receiveRecord(
  record: RawRecord,
  deps: ReceiveDeps,
  handle: (event: IncomingEvent) => Promise<'processed' | 'duplicate'>,
): Promise<ConsumeOutcome> {
  const decoded = decodeJsonValue(record.value);
  const parsed = decoded.ok ? parseEvent(decoded.value) : decoded;
  if (!parsed.ok) {
    await sendToDeadLetter(deps.producer, record, parsed.error, deps.consumerGroup, 1);
    return 'dead-lettered';
  }
  const event = incomingEvent(record, parsed.value);
  return withRetries(record, event, deps, () => handle(event));
}
