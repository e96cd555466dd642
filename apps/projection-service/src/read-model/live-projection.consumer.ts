import { Controller, Inject } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { MessageCatalog, Topics } from '@edr/contracts';
import { HandlerMap, MessageConsumer, type RecordBatch } from '@edr/messaging';
import { ApplyClock } from './apply-clock.js';
import { PROJECTORS, type Projector, REACTORS, type Reactor } from './projector.js';

/** Every topic the read side is fed by, in one consumer group (`projection-service`). */
export const ProjectionSourceTopics = [
  Topics.orderEvents,
  Topics.paymentEvents,
  Topics.inventoryEvents,
  Topics.shippingEvents,
  Topics.shippingLabelEvents,
  Topics.customerEvents,
] as const;

/**
 * The live side of every view and reactor: one consumer group reads every source topic, and each record is applied
 * to every view and reactor that takes its type, in one inbox transaction (HandlerMap.all), views first, so a
 * reactor sees the views as they are after the event. Types on these topics that nothing here needs are
 * acknowledged (validated, recorded in the inbox); anything else is dead-lettered as usual.
 */
@Controller()
export class LiveProjectionConsumer {
  private readonly handlers: HandlerMap;

  constructor(
    private readonly consumer: MessageConsumer,
    private readonly clock: ApplyClock,
    @Inject(PROJECTORS) projectors: readonly Projector[],
    @Inject(REACTORS) reactors: readonly Reactor[],
  ) {
    const maps = [...projectors.map((p) => p.handlers), ...reactors.map((r) => r.handlers)];
    // Acknowledged: the types on these topics no view or reactor takes (the others are validated by their maps).
    const unhandled = MessageCatalog.definitions.filter(
      (d) =>
        (ProjectionSourceTopics as readonly string[]).includes(d.topic) && !maps.some((map) => map.route(d)),
    );
    this.handlers = HandlerMap.all(...maps, HandlerMap.create().ignore(...unhandled));
  }

  private apply(batch: RecordBatch) {
    return this.clock.applying(batch, () => this.consumer.consume(batch, this.handlers));
  }

  @EventPattern(Topics.orderEvents)
  async onOrderEvents(@Payload() batch: RecordBatch): Promise<void> {
    await this.apply(batch);
  }

  @EventPattern(Topics.paymentEvents)
  async onPaymentEvents(@Payload() batch: RecordBatch): Promise<void> {
    await this.apply(batch);
  }

  @EventPattern(Topics.inventoryEvents)
  async onInventoryEvents(@Payload() batch: RecordBatch): Promise<void> {
    await this.apply(batch);
  }

  @EventPattern(Topics.shippingEvents)
  async onShippingEvents(@Payload() batch: RecordBatch): Promise<void> {
    await this.apply(batch);
  }

  @EventPattern(Topics.shippingLabelEvents)
  async onShippingLabelEvents(@Payload() batch: RecordBatch): Promise<void> {
    await this.apply(batch);
  }

  @EventPattern(Topics.customerEvents)
  async onCustomerEvents(@Payload() batch: RecordBatch): Promise<void> {
    await this.apply(batch);
  }
}
