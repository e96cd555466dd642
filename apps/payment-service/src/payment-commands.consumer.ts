import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource, type EntityManager } from 'typeorm';
import { AuthorizePayment, RefundPayment, Topics } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import {
  type IncomingEvent,
  UnprocessableMessageError,
  consumeRecord,
  recordFromContext,
} from '@edr/messaging';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler.js';
import { PAYMENT_CONFIG, type PaymentConfig } from './payment.config.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';

@Controller()
export class PaymentCommandsConsumer {
  private readonly logger = new Logger(PaymentCommandsConsumer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly authorize: AuthorizePaymentHandler,
    private readonly refund: RefundPaymentHandler,
    private readonly faults: FaultInjector,
    @Inject(PAYMENT_CONFIG) private readonly config: PaymentConfig,
  ) {}

  @EventPattern(Topics.paymentCommands)
  async onCommand(@Ctx() context: KafkaContext): Promise<void> {
    const record = recordFromContext(context);
    const outcome = await consumeRecord(
      record,
      {
        dataSource: this.dataSource,
        producer: context.getProducer(),
        consumerGroup: this.config.serviceName,
        retry: this.config.consumer.retry,
      },
      (event, manager) => this.dispatch(event, manager),
    );
    if (outcome !== 'processed') {
      this.logger.warn(`${record.topic}[${record.partition}]@${record.offset}: ${outcome}`);
    }
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
