import { z } from 'zod';

/**
 * The envelope every event travels in. It is the outbox row's payload and, after Debezium's router, the Kafka record
 * value; id and type are also copied into headers so consumers can route and dedupe without parsing the body.
 */
export const eventEnvelopeSchema = z.object({
  eventId: z.uuid(),
  type: z.string().min(1),
  schemaVersion: z.number().int().positive(),
  occurredAt: z.iso.datetime({ offset: true }),
  aggregateType: z.string().min(1),
  aggregateId: z.string().min(1),
  correlationId: z.string().min(1),
  causationId: z.string().min(1).nullable(),
  payload: z.record(z.string(), z.unknown()),
});

export type EventEnvelope<TPayload = Record<string, unknown>> = Omit<
  z.infer<typeof eventEnvelopeSchema>,
  'payload'
> & { payload: TPayload };
