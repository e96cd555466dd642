import { Controller } from '@nestjs/common';
import { Ctx, EventPattern, type KafkaContext } from '@nestjs/microservices';
import { Topics } from '@edr/contracts';
import { MessageConsumer } from '@edr/messaging';
import { OrderViewProjector } from './order-view.projector.js';

/** order.events: each event folded into order_view exactly once (see MessageConsumer). */
@Controller()
export class OrderEventsConsumer {
  constructor(
    private readonly consumer: MessageConsumer,
    private readonly projector: OrderViewProjector,
  ) {}

  @EventPattern(Topics.orderEvents)
  async onOrderEvent(@Ctx() context: KafkaContext): Promise<void> {
    await this.consumer.consume(context, this.projector.handlers);
  }
}
