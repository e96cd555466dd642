import { Command } from '@nestjs/cqrs';
import type { EntityManager } from 'typeorm';
import type { SagaCause } from '../order-saga.runner.js';
import type { ParticipantReply } from '../participant-reply.js';

/**
 * Apply a participant's reply (success, refusal or compensation confirmation) to the order's saga, through
 * `manager`: the consumer's inbox transaction, so the decision commits with the inbox row or not at all.
 */
export class ApplyParticipantReplyCommand extends Command<void> {
  constructor(
    readonly reply: ParticipantReply,
    readonly cause: SagaCause,
    readonly manager: EntityManager,
  ) {
    super();
  }
}
