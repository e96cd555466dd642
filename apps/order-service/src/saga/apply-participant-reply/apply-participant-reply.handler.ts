import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderSagaMachine } from '../order-saga.machine.js';
import { OrderSagaRunner } from '../order-saga.runner.js';
import { ApplyParticipantReplyCommand } from './apply-participant-reply.command.js';

/** Runs the machine's reply rule in the transaction the command carries (see OrderSagaRunner). */
@CommandHandler(ApplyParticipantReplyCommand)
export class ApplyParticipantReplyHandler implements ICommandHandler<ApplyParticipantReplyCommand> {
  constructor(private readonly runner: OrderSagaRunner) {}

  execute({ reply, cause, manager }: ApplyParticipantReplyCommand): Promise<void> {
    return this.runner.apply(manager, reply.orderId, cause, (state, ctx) =>
      OrderSagaMachine.reply(state, reply, ctx),
    );
  }
}
