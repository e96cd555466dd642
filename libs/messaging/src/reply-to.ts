import type { EntityManager } from 'typeorm';
import type {
  AggregateType,
  EventEnvelope,
  MessageDefinition,
  PayloadOf,
  ServiceIdentity,
} from '@edr/contracts';
import { buildMessage, writeToOutbox } from '@edr/outbox';
import { type MessageOrigin, causedBy } from './incoming-message.js';

export interface Reply<TDefinition extends MessageDefinition> {
  readonly definition: TDefinition;
  readonly aggregateType: AggregateType;
  /** The replying service (`config.serviceName`): the producer the reply's definition must name. */
  readonly producer: string;
  /** Also the record key: saga replies use the order id, so one order's messages stay in order. */
  readonly aggregateId: string;
  readonly payload: PayloadOf<TDefinition>;
}

/**
 * Writes the reply to an incoming message through the transaction that applies it (the inbox transaction), so the
 * reply is published if and only if the effect commits. It carries the message's correlation id, is caused by it,
 * and keeps its trace context.
 */
export async function replyTo<TDefinition extends MessageDefinition>(
  tx: EntityManager,
  incoming: MessageOrigin,
  reply: Reply<TDefinition>,
): Promise<void> {
  const message = buildMessage(reply.definition, {
    aggregateType: reply.aggregateType,
    aggregateId: reply.aggregateId,
    payload: reply.payload,
    ...causedBy(incoming),
  });
  // Every catalog payload is a z.object; at this generic level TypeScript cannot know that.
  await writeToOutbox(tx, [message as EventEnvelope], {
    producer: reply.producer,
    traceparent: incoming.headers['traceparent'] ?? null,
  });
}

/** A saga reply: every one names its order, which is also its aggregate id and record key. */
export type SagaReplyPayload<D extends MessageDefinition> = PayloadOf<D> & { readonly orderId: string };

/** Writes a reply of one service through the transaction applying the message it answers (see replier). */
export type Replier = <D extends MessageDefinition>(
  tx: EntityManager,
  message: MessageOrigin,
  definition: D,
  payload: SagaReplyPayload<D>,
) => Promise<void>;

/**
 * The reply helper of a saga participant, bound to its service (its name is the producer the outbox checks, its
 * aggregate type the reply's): `const reply = replier(PaymentService)`, then
 * `await reply(tx, command, PaymentAuthorized, payload)`. Replies are keyed by the order id, like the commands, so one
 * order's messages stay in order on every topic.
 */
export const replier =
  (service: Pick<ServiceIdentity<string, AggregateType>, 'name' | 'aggregateType'>): Replier =>
  (tx, message, definition, payload) =>
    replyTo(tx, message, {
      definition,
      aggregateType: service.aggregateType,
      producer: service.name,
      aggregateId: payload.orderId,
      payload,
    });

/** A reply decided before it is written: its definition and payload, so the pair is checked against one schema. */
export interface OutgoingReply<D extends MessageDefinition> {
  readonly definition: D;
  readonly payload: SagaReplyPayload<D>;
}

export const outgoingReply = <D extends MessageDefinition>(
  definition: D,
  payload: SagaReplyPayload<D>,
): OutgoingReply<D> => ({ definition, payload });
