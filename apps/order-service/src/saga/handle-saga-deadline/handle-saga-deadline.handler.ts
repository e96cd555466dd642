import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { DataSource } from 'typeorm';
import { OrderSagaMachine } from '../order-saga.machine.js';
import { OrderSagaRunner, noCause } from '../order-saga.runner.js';
import { HandleSagaDeadlineCommand } from './handle-saga-deadline.command.js';

/**
 * Retry the step, give up and compensate, or resend unconfirmed compensations: the machine decides. A deadline is
 * no message, so there is no inbox transaction to join; the transaction is opened here, where the unit of work is
 * defined, so every sender of the command (the watcher, a test) gets the same one-commit guarantee.
 */
@CommandHandler(HandleSagaDeadlineCommand)
export class HandleSagaDeadlineHandler implements ICommandHandler<HandleSagaDeadlineCommand> {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runner: OrderSagaRunner,
  ) {}

  execute({ orderId, seen }: HandleSagaDeadlineCommand): Promise<void> {
    return this.dataSource.transaction((manager) =>
      this.runner.apply(manager, orderId, noCause, (state, ctx) =>
        OrderSagaMachine.deadlinePassed(state, seen, ctx),
      ),
    );
  }
}
