import { CustomerCreated, CustomerRegistrationFailed, Topics } from '@edr/contracts';
import type { Kafka } from 'kafkajs';
import { openRecordStream } from '../kafka/record-stream.js';

/** How one registration ended, as customer.events tells it. */
export interface RegistrationEnd {
  readonly type: string;
  /** The aggregator's commit of ACTIVE or FAILED (the event's `activatedAt` / `failedAt`, ms). */
  readonly decidedAt: number;
  /** When the bench's consumer had the event (ms). */
  readonly receivedAt: number;
}

/**
 * Waits for registrations to end by reading customer.events (not by polling GET /customers/{id}, which would load the
 * service the bench measures). `ended(id)` resolves with the first CustomerCreated or CustomerRegistrationFailed.
 */
export async function watchRegistrations(kafka: Kafka) {
  const waiting = new Map<string, (end: RegistrationEnd) => void>();
  const early = new Map<string, RegistrationEnd>();
  const stream = await openRecordStream(kafka, [Topics.customerEvents], (record) => {
    const envelope = record.envelope;
    if (
      !envelope ||
      (record.eventType !== CustomerCreated.type && record.eventType !== CustomerRegistrationFailed.type)
    ) {
      return;
    }
    const payload = envelope['payload'] as { customerId: string; activatedAt?: string; failedAt?: string };
    const end: RegistrationEnd = {
      type: record.eventType,
      decidedAt: Date.parse(payload.activatedAt ?? payload.failedAt ?? ''),
      receivedAt: record.receivedAt,
    };
    const resolve = waiting.get(payload.customerId);
    if (resolve) {
      waiting.delete(payload.customerId);
      resolve(end);
    } else {
      early.set(payload.customerId, end);
    }
  });
  return {
    ended(customerId: string): Promise<RegistrationEnd> {
      const known = early.get(customerId);
      if (known) {
        early.delete(customerId);
        return Promise.resolve(known);
      }
      return new Promise((resolve) => waiting.set(customerId, resolve));
    },
    stop: () => stream.stop(),
  };
}
