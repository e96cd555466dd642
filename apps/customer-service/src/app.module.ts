import { type DynamicModule, Module } from '@nestjs/common';
import { TopicDefinitions } from '@edr/contracts';
import { DeadlineAnnouncer } from '@edr/deadlines';
import { CreateIdempotencyKeysTable1764300000003, IdempotencyKey } from '@edr/idempotency';
import { FaultInjectionModule } from '@edr/fault-injection';
import { PlatformModule } from '@edr/platform';
import { Services } from '@edr/topology';
import { AccountCommandsConsumer } from './account/account-commands.consumer.js';
import { CloseAccountHandler } from './account/close-account.handler.js';
import { CreateAccountHandler } from './account/create-account.handler.js';
import { AddressCommandsConsumer } from './address/address-commands.consumer.js';
import { CreateAddressHandler } from './address/create-address.handler.js';
import { ContactCommandsConsumer } from './contact/contact-commands.consumer.js';
import { CreateContactHandler } from './contact/create-contact.handler.js';
import { ReleaseContactHandler } from './contact/release-contact.handler.js';
import type { CustomerConfig } from './customer.config.js';
import { CustomerRow } from './customer.entity.js';
import { GetCustomerController } from './get-customer/get-customer.controller.js';
import { CreateCustomerTables1764300000600 } from './migrations/1764300000600-create-customer-tables.js';
import { SeedDemoCustomers1764300000601 } from './migrations/1764300000601-seed-demo-customers.js';
import { CreateCustomerProfiles1764300000610 } from './migrations/1764300000610-create-customer-profiles.js';
import { ProjectionEventsConsumer } from './profile/projection-events.consumer.js';
import { RegisterCustomerController } from './register-customer/register-customer.controller.js';
import { RegisterCustomerHandler } from './register-customer/register-customer.handler.js';
import { PartOutcomesConsumer } from './registration/apply-part-outcome/part-outcomes.consumer.js';
import { RegistrationDeadlineWatcher } from './registration/handle-registration-deadline/registration-deadline.watcher.js';
import { RegistrationRepository } from './registration/registration.repository.js';
import { RegistrationRunner } from './registration/registration.runner.js';

@Module({})
export class CustomerServiceModule {
  static forRoot(config: CustomerConfig): DynamicModule {
    return {
      module: CustomerServiceModule,
      imports: [
        PlatformModule.forService({
          service: Services.customer,
          config,
          entities: [CustomerRow, IdempotencyKey],
          migrations: [
            CreateIdempotencyKeysTable1764300000003,
            CreateCustomerTables1764300000600,
            SeedDemoCustomers1764300000601,
            CreateCustomerProfiles1764300000610,
          ],
          // Every topic of the registration is produced and consumed here; customer.events is read by other services.
          // projection.events is projection-service's (same definition, idempotent); its DLQ is this consumer's.
          topics: [
            TopicDefinitions.customerEvents,
            TopicDefinitions.contactCommands,
            TopicDefinitions.contactCommandsDlq,
            TopicDefinitions.accountCommands,
            TopicDefinitions.accountCommandsDlq,
            TopicDefinitions.addressCommands,
            TopicDefinitions.addressCommandsDlq,
            TopicDefinitions.registrationEvents,
            TopicDefinitions.registrationEventsDlq,
            TopicDefinitions.projectionEvents,
            TopicDefinitions.projectionEventsDlq,
          ],
        }),
        FaultInjectionModule.forRoot(config.faults),
      ],
      controllers: [
        RegisterCustomerController,
        GetCustomerController,
        PartOutcomesConsumer,
        ContactCommandsConsumer,
        AccountCommandsConsumer,
        AddressCommandsConsumer,
        ProjectionEventsConsumer,
      ],
      providers: [
        DeadlineAnnouncer,
        RegistrationRepository,
        RegistrationRunner,
        RegistrationDeadlineWatcher,
        RegisterCustomerHandler,
        CreateContactHandler,
        ReleaseContactHandler,
        CreateAccountHandler,
        CloseAccountHandler,
        CreateAddressHandler,
      ],
    };
  }
}
