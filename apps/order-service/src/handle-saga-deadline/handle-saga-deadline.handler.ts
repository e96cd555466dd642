import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderSagaMachine } from '../saga/order-saga.machine.js';
import { OrderSagaRunner } from '../saga/order-saga.runner.js';
import { SagaCompletions, type SagaOutcome } from '../saga/saga-completions.js';
import { HandleSagaDeadlineCommand } from './handle-saga-deadline.command.js';

/** Retry the step, give up and compensate, or resend unconfirmed compensations: the machine decides. */
@CommandHandler(HandleSagaDeadlineCommand)
export class HandleSagaDeadlineHandler implements ICommandHandler<HandleSagaDeadlineCommand> {
  constructor(
    private readonly runner: OrderSagaRunner,
    private readonly completions: SagaCompletions,
  ) {}

  execute({ deadline }: HandleSagaDeadlineCommand): Promise<SagaOutcome> {
    return this.completions.settle(deadline.trackingId, () =>
      this.runner.run(deadline.orderId, null, (state, ctx) =>
        OrderSagaMachine.deadlinePassed(state, deadline.seen, ctx),
      ),
    );
  }
}
