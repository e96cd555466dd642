import { Command } from '@nestjs/cqrs';
import type { SagaOutcome } from '../saga/saga-completions.js';

export class StartOrderSagaCommand extends Command<SagaOutcome> {
  constructor(readonly orderId: string) {
    super();
  }
}
