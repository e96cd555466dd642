import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { OrderSagaMachine } from '../saga/order-saga.machine.js';
import { OrderSagaRunner } from '../saga/order-saga.runner.js';
import { SagaCompletions, type SagaOutcome } from '../saga/saga-completions.js';
import { ApplyParticipantReplyCommand } from './apply-participant-reply.command.js';

/** Exactly once per reply message: the inbox row commits with the saga's decision (see OrderSagaRunner). */
@CommandHandler(ApplyParticipantReplyCommand)
export class ApplyParticipantReplyHandler implements ICommandHandler<ApplyParticipantReplyCommand> {
  constructor(
    private readonly runner: OrderSagaRunner,
    private readonly completions: SagaCompletions,
  ) {}

  execute({ replied }: ApplyParticipantReplyCommand): Promise<SagaOutcome> {
    return this.completions.settle(replied.trackingId, () =>
      this.runner.run(replied.orderId, replied.source, (state, ctx) =>
        OrderSagaMachine.reply(state, replied.reply, ctx),
      ),
    );
  }
}
