import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorService } from '@nestjs/terminus';
import type { Admin } from 'kafkajs';
import { DataSource } from 'typeorm';
import { pingDatabase } from '@edr/database';
import { KAFKA_ADMIN, pingKafka } from '@edr/messaging';
import { HEALTH_DETAILS, type HealthDetail } from './health-details.js';

/**
 * `GET /health`: 200 when this service can reach its own database and Kafka, 503 with the failing part otherwise.
 * Declared by PlatformModule (@edr/platform), beside the service's DataSource and Kafka admin client it checks.
 * Parts that report what they are doing (HEALTH_DETAILS) are listed too, always up.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    private readonly dataSource: DataSource,
    @Inject(KAFKA_ADMIN) private readonly kafkaAdmin: Admin,
    @Optional() @Inject(HEALTH_DETAILS) private readonly details: readonly HealthDetail[] = [],
  ) {}

  @Get()
  @HealthCheck()
  check() {
    return this.health.check([
      async () => {
        const indicator = this.indicators.check('database');
        try {
          await pingDatabase(this.dataSource);
          return indicator.up();
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      async () => {
        const indicator = this.indicators.check('kafka');
        try {
          return indicator.up(await pingKafka(this.kafkaAdmin));
        } catch (error) {
          return indicator.down({ message: (error as Error).message });
        }
      },
      ...this.details.map(
        (detail) => async () => this.indicators.check(detail.key).up({ ...(await detail.read()) }),
      ),
    ]);
  }
}
