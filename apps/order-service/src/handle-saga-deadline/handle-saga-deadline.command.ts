import { Command } from '@nestjs/cqrs';
import type { SagaOutcome } from '../saga/saga-completions.js';
import type { SagaDeadlinePassed } from '../saga/saga-events.js';

export class HandleSagaDeadlineCommand extends Command<SagaOutcome> {
  constructor(readonly deadline: SagaDeadlinePassed) {
    super();
  }
}
