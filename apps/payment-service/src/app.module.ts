import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { TopicDefinitions } from '@edr/contracts';
import { dataSourceProvider } from '@edr/database';
import { FaultsController, faultInjectionProviders } from '@edr/fault-injection';
import { HealthController } from '@edr/health';
import { correlationMiddleware } from '@edr/http';
import { InboxMessage } from '@edr/inbox';
import { kafkaAdminProvider } from '@edr/messaging';
import { OutboxMessage } from '@edr/outbox';
import { AuthorizePaymentHandler } from './authorize-payment/authorize-payment.handler.js';
import { CreditLimit } from './credit-limits/credit-limit.entity.js';
import { CreditLimits } from './credit-limits/credit-limits.js';
import { GetCreditLimitController } from './credit-limits/get-credit-limit.controller.js';
import { SetCreditLimitController } from './credit-limits/set-credit-limit.controller.js';
import { GetPaymentController } from './get-payment/get-payment.controller.js';
import { paymentMigrations } from './migrations/index.js';
import { PaymentCommandsConsumer } from './payment-commands.consumer.js';
import { SERVICE_CONFIG } from '@edr/config';
import type { PaymentConfig } from './payment.config.js';
import { Payment } from './payment.entity.js';
import { RefundPaymentHandler } from './refund-payment/refund-payment.handler.js';

@Module({})
export class PaymentServiceModule implements NestModule {
  static forRoot(config: PaymentConfig): DynamicModule {
    return {
      module: PaymentServiceModule,
      imports: [TerminusModule],
      controllers: [
        PaymentCommandsConsumer,
        HealthController,
        FaultsController,
        GetPaymentController,
        GetCreditLimitController,
        SetCreditLimitController,
      ],
      providers: [
        { provide: SERVICE_CONFIG, useValue: config },
        dataSourceProvider({
          url: config.database.url,
          entities: [Payment, CreditLimit, InboxMessage, OutboxMessage],
          migrations: paymentMigrations,
          applicationName: config.serviceName,
        }),
        kafkaAdminProvider({
          clientId: config.kafka.clientId,
          brokers: config.kafka.brokers,
          // The commands topic is also created by the orchestrator that produces to it (same definition, idempotent).
          topics: [
            TopicDefinitions.paymentCommands,
            TopicDefinitions.paymentCommandsDlq,
            TopicDefinitions.paymentEvents,
          ],
        }),
        ...faultInjectionProviders(config.faults),
        CreditLimits,
        AuthorizePaymentHandler,
        RefundPaymentHandler,
      ],
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}
