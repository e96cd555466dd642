import { Controller, Inject } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Topics } from '@edr/contracts';
import { consumeFromContext } from '@edr/messaging';
import { SERVICE_CONFIG } from '@edr/config';
import type { ProjectionConfig } from '../projection.config.js';
import { OrderViewProjector } from './order-view.projector.js';

@Controller()
export class OrderEventsConsumer {
  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: OrderViewProjector,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
  ) {}

  @EventPattern(Topics.orderEvents)
  async onOrderEvent(@Ctx() context: KafkaContext): Promise<void> {
    await consumeFromContext(context, { dataSource: this.dataSource, ...this.config }, (event, manager) =>
      this.projector.apply(event, manager),
    );
  }
}
