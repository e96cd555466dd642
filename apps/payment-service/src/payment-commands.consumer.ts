import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { AuthorizePayment, RefundPayment, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer } from '@edr/messaging';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';

/** payment.commands: each command applied once, with its reply, in one transaction (see MessageConsumer). */
@Controller()
export class PaymentCommandsConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    authorize: AuthorizePaymentHandler,
    refund: RefundPaymentHandler,
  ) {
    this.handlers = HandlerMap.create()
      .on(AuthorizePayment, (command, tx) => authorize.handle(command, tx))
      .on(RefundPayment, (command, tx) => refund.handle(command, tx));
  }

  @EventPattern(Topics.paymentCommands)
  async onCommand(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(context, this.handlers);
  }
}
