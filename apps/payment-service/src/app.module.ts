import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { FaultInjectionModule } from '@edr/fault-injection';
import { PlatformModule } from '@edr/platform';
import { Services } from '@edr/topology';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler.js';
import { Authorizer } from './authorize-payment/authorizer.js';
import { CustomerCopy } from './customer-copy/customer-copy.entity.js';
import { CustomerEventsConsumer } from './customer-copy/customer-events.consumer.js';
import { CustomerFlagRow } from './customer-copy/customer-flag.entity.js';
import { ProjectionEventsConsumer } from './customer-copy/projection-events.consumer.js';
import { GetCustomerCreditController } from './customer-copy/get-customer-credit.controller.js';
import { GetPaymentController } from './get-payment/get-payment.controller.js';
import { CreatePaymentTables1764300000300 } from './migrations/1764300000300-create-payment-tables.js';
import { CustomerCopy1764300000310 } from './migrations/1764300000310-customer-copy.js';
import { CustomerFlags1764300000320 } from './migrations/1764300000320-customer-flags.js';
import { PaymentCommandsConsumer } from './payment-commands.consumer.js';
import type { PaymentConfig } from './payment.config.js';
import { Payment } from './payment.entity.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';
import { CustomerWaitAnnouncer } from './settle-waiting/customer-wait.announcer.js';
import { CustomerWaitWatcher } from './settle-waiting/customer-wait.watcher.js';
import { WaitingAuthorizations } from './settle-waiting/waiting-authorizations.js';

@Module({})
export class PaymentServiceModule {
  static forRoot(config: PaymentConfig): DynamicModule {
    return {
      module: PaymentServiceModule,
      imports: [
        PlatformModule.forService({
          service: Services.payment,
          config,
          entities: [Payment, CustomerCopy, CustomerFlagRow],
          migrations: [
            CreatePaymentTables1764300000300,
            CustomerCopy1764300000310,
            CustomerFlags1764300000320,
          ],
          // The commands topic is also created by the orchestrator that produces to it, customer.events by
          // customer-service, projection.events by projection-service (same definitions, idempotent).
          topics: [
            TopicDefinitions.paymentCommands,
            TopicDefinitions.paymentCommandsDlq,
            TopicDefinitions.paymentEvents,
            TopicDefinitions.customerEvents,
            TopicDefinitions.customerEventsDlq,
            TopicDefinitions.projectionEvents,
            TopicDefinitions.projectionEventsDlq,
          ],
        }),
        FaultInjectionModule.forRoot(config.faults),
      ],
      controllers: [
        PaymentCommandsConsumer,
        CustomerEventsConsumer,
        ProjectionEventsConsumer,
        GetPaymentController,
        GetCustomerCreditController,
      ],
      providers: [
        Authorizer,
        AuthorizePaymentHandler,
        RefundPaymentHandler,
        WaitingAuthorizations,
        CustomerWaitAnnouncer,
        CustomerWaitWatcher,
      ],
    };
  }
}
