import { Command } from '@nestjs/cqrs';
import type { SagaOutcome } from '../saga/saga-completions.js';
import type { ParticipantReplied } from '../saga/saga-events.js';

/** Apply a participant's reply (success, refusal or compensation confirmation) to the order's saga. */
export class ApplyParticipantReplyCommand extends Command<SagaOutcome> {
  constructor(readonly replied: ParticipantReplied) {
    super();
  }
}
