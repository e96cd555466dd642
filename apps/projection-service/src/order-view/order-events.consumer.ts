import { Controller } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { Topics } from '@edr/contracts';
import { MessageConsumer, type RecordBatch } from '@edr/messaging';
import { OrderViewProjector } from './order-view.projector.js';

/** order.events: each event folded into order_view exactly once (see MessageConsumer). */
@Controller()
export class OrderEventsConsumer {
  constructor(
    private readonly consumer: MessageConsumer,
    private readonly projector: OrderViewProjector,
  ) {}

  @EventPattern(Topics.orderEvents)
  async onOrderEvent(@Payload() batch: RecordBatch): Promise<void> {
    await this.consumer.consume(batch, this.projector.handlers);
  }
}
