import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthorizePayment, RefundPayment, Topics } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import { type IncomingEvent, UnprocessableMessageError, consumeFromContext } from '@edr/messaging';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { PaymentConfig } from './payment.config.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';

@Controller()
export class PaymentCommandsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly authorize: AuthorizePaymentHandler,
    private readonly refund: RefundPaymentHandler,
    private readonly faults: FaultInjector,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {}

  @EventPattern(Topics.paymentCommands)
  async onCommand(@Ctx() context: KafkaContext): Promise<void> {
    await consumeFromContext(context, { dataSource: this.dataSource, ...this.config }, (event, manager) =>
      this.dispatch(event, manager),
    );
  }

  // Runs inside the inbox transaction and the retry loop: an injected error is retried like a real one, and the
  // command's effect and its reply commit together with the inbox row.
  private async dispatch(event: IncomingEvent, manager: EntityManager): Promise<void> {
    await this.faults.beforeMessage();
    switch (event.envelope.type) {
      case AuthorizePayment.type:
        return this.authorize.handle(event, manager);
      case RefundPayment.type:
        return this.refund.handle(event, manager);
      default:
        // A valid catalog message on the wrong topic: retrying cannot help, so it goes to the DLQ at once.
        throw new UnprocessableMessageError(`${Topics.paymentCommands} does not take ${event.envelope.type}`);
    }
  }
}
