import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { AuthorizePayment, RefundPayment, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
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
  async onCommand(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.handlers);
  }
}
