import { Controller, Inject, Logger } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { DataSource } from 'typeorm';
import { Topics } from '@edr/contracts';
import { consumeRecord, recordFromContext } from '@edr/messaging';
import { PROJECTION_CONFIG, type ProjectionConfig } from '../projection.config.js';
import { OrderViewProjector } from './order-view.projector.js';

@Controller()
export class OrderEventsConsumer {
  private readonly logger = new Logger(OrderEventsConsumer.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly projector: OrderViewProjector,
    @Inject(PROJECTION_CONFIG) private readonly config: ProjectionConfig,
  ) {}

  @EventPattern(Topics.orderEvents)
  async onOrderEvent(@Ctx() context: KafkaContext): Promise<void> {
    const record = recordFromContext(context);
    const outcome = await consumeRecord(
      record,
      {
        dataSource: this.dataSource,
        producer: context.getProducer(),
        consumerGroup: this.config.serviceName,
        retry: this.config.consumer.retry,
      },
      (event, manager) => this.projector.apply(event, manager),
    );
    if (outcome !== 'processed') {
      this.logger.warn(`${record.topic}[${record.partition}]@${record.offset}: ${outcome}`);
    }
  }
}
