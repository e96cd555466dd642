import type { IEvent } from '@nestjs/cqrs';
import type { InboxRecord } from '@edr/inbox';
import type { SagaDeadline } from './order-saga.machine.js';
import type { ParticipantReply } from './participant-reply.js';

/** Where a reply came from: the inbox record (for exactly-once) and the ids to carry on. */
export interface ReplySource extends InboxRecord {
  readonly eventId: string;
  readonly traceparent: string | null;
}

/** A participant's reply, bridged from Kafka onto the EventBus. `trackingId` is what the consumer waits for. */
export class ParticipantReplied implements IEvent {
  constructor(
    readonly orderId: string,
    readonly reply: ParticipantReply,
    readonly source: ReplySource,
    readonly trackingId: string | null,
  ) {}
}

/** Published by the deadline watcher for a saga whose step (or compensation round) got no reply in time. */
export class SagaDeadlinePassed implements IEvent {
  constructor(
    readonly orderId: string,
    readonly seen: SagaDeadline,
    readonly trackingId: string | null,
  ) {}
}
