import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { FaultInjectionModule } from '@edr/fault-injection';
import { PlatformModule } from '@edr/platform';
import { Services } from '@edr/topology';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler.js';
import { CreditLimit } from './credit-limits/credit-limit.entity.js';
import { CreditLimits } from './credit-limits/credit-limits.js';
import { GetCreditLimitController } from './credit-limits/get-credit-limit.controller.js';
import { SetCreditLimitController } from './credit-limits/set-credit-limit.controller.js';
import { GetPaymentController } from './get-payment/get-payment.controller.js';
import { CreatePaymentTables1764300000300 } from './migrations/1764300000300-create-payment-tables.js';
import { SeedCreditLimits1764300000301 } from './migrations/1764300000301-seed-credit-limits.js';
import { PaymentCommandsConsumer } from './payment-commands.consumer.js';
import type { PaymentConfig } from './payment.config.js';
import { Payment } from './payment.entity.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';

@Module({})
export class PaymentServiceModule {
  static forRoot(config: PaymentConfig): DynamicModule {
    return {
      module: PaymentServiceModule,
      imports: [
        PlatformModule.forService({
          service: Services.payment,
          config,
          entities: [Payment, CreditLimit],
          migrations: [CreatePaymentTables1764300000300, SeedCreditLimits1764300000301],
          // The commands topic is also created by the orchestrator that produces to it (same definition, idempotent).
          topics: [
            TopicDefinitions.paymentCommands,
            TopicDefinitions.paymentCommandsDlq,
            TopicDefinitions.paymentEvents,
          ],
        }),
        FaultInjectionModule.forRoot(config.faults),
      ],
      controllers: [
        PaymentCommandsConsumer,
        GetPaymentController,
        GetCreditLimitController,
        SetCreditLimitController,
      ],
      providers: [CreditLimits, AuthorizePaymentHandler, RefundPaymentHandler],
    };
  }
}
