import { Command } from '@nestjs/cqrs';
import type { SagaDeadline } from '../order-saga.machine.js';

/** A saga whose step (or compensation round) got no reply in time, as the deadline watcher saw it. */
export class HandleSagaDeadlineCommand extends Command<void> {
  constructor(
    readonly orderId: string,
    readonly seen: SagaDeadline,
  ) {
    super();
  }
}
