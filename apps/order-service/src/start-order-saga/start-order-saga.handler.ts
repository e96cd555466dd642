import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderSagaMachine } from '../saga/order-saga.machine.js';
import { OrderSagaRunner } from '../saga/order-saga.runner.js';
import type { SagaOutcome } from '../saga/saga-completions.js';
import { StartOrderSagaCommand } from './start-order-saga.command.js';

/** Sends AuthorizePayment for a freshly placed order. If this never runs, the start deadline does the same. */
@CommandHandler(StartOrderSagaCommand)
export class StartOrderSagaHandler implements ICommandHandler<StartOrderSagaCommand> {
  constructor(private readonly runner: OrderSagaRunner) {}

  execute({ orderId }: StartOrderSagaCommand): Promise<SagaOutcome> {
    return this.runner.run(orderId, null, (state, ctx) => OrderSagaMachine.start(state, ctx));
  }
}
