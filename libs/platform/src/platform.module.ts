import { type DynamicModule, type MiddlewareConsumer, Module, type NestModule } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from '@edr/health';
import { correlationMiddleware } from '@edr/http';
import type { PlatformOptions } from './platform-options.js';
import { platformProviders } from './platform-providers.js';

/**
 * The half of a service that is the same in every service: configuration, DataSource (platform and service tables,
 * migrated at boot), Kafka admin client and topics, `GET /health`, and a correlation id on every HTTP request.
 * Global, so the service's own controllers and providers inject DataSource, KAFKA_ADMIN and SERVICE_CONFIG
 * directly. A service's root module imports `PlatformModule.forService({...})` and declares only its own parts.
 */
@Module({})
export class PlatformModule implements NestModule {
  static forService(options: PlatformOptions): DynamicModule {
    const providers = platformProviders(options);
    return {
      module: PlatformModule,
      global: true,
      imports: [TerminusModule],
      controllers: [HealthController],
      providers,
      exports: providers,
    };
  }

  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(correlationMiddleware).forRoutes('*path');
  }
}
