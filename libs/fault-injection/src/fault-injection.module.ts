import { type DynamicModule, Module } from '@nestjs/common';
import type { FaultSettings } from './fault-settings.js';
import { type FaultInjectorOptions, faultInjectionProviders } from './fault-injector.js';
import { FaultsController } from './faults.controller.js';

/**
 * Failure injection for a saga participant: `/admin/faults` and the FaultInjector, whose `beforeMessage` is the
 * BEFORE_MESSAGE hook. Global, because the hook is injected by the platform's MessageConsumer, not by the service's
 * own module.
 */
@Module({})
export class FaultInjectionModule {
  static forRoot(initial: FaultSettings, options: FaultInjectorOptions = {}): DynamicModule {
    const providers = faultInjectionProviders(initial, options);
    return {
      module: FaultInjectionModule,
      global: true,
      controllers: [FaultsController],
      providers,
      exports: providers,
    };
  }
}
