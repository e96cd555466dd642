import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EventBus } from '@nestjs/cqrs';
import { SERVICE_CONFIG } from '@edr/config';
import type { OrderConfig } from '../order.config.js';
import { OrderSagaRepository } from './order-saga.repository.js';
import { SagaCompletions } from './saga-completions.js';
import { SagaDeadlinePassed } from './saga-events.js';

const BATCH = 100;
const COMPLETION_TIMEOUT_MS = 30_000;

/**
 * Polls order_sagas for passed deadlines and publishes SagaDeadlinePassed for each. Deadlines live in the database,
 * not in timers, so they survive restarts: a saga whose service crashed mid-step is picked up after the restart.
 * Several instances may see the same deadline; the machine ignores sightings that are stale under the row lock.
 */
@Injectable()
export class SagaDeadlineWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SagaDeadlineWatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private stopped = false;
  private tick: Promise<void> = Promise.resolve();

  constructor(
    private readonly sagas: OrderSagaRepository,
    private readonly eventBus: EventBus,
    private readonly completions: SagaCompletions,
    @Inject(SERVICE_CONFIG) private readonly config: OrderConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.tick;
  }

  private schedule(): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.tick = this.checkOnce()
        .then(() => undefined)
        .catch((error: unknown) => this.logger.error(`deadline check failed: ${String(error)}`))
        .finally(() => this.schedule());
    }, this.config.saga.deadlinePollMs);
  }

  /** Handles every saga that is due now; resolves when their commands have finished. */
  async checkOnce(): Promise<number> {
    const due = await this.sagas.due(new Date(), BATCH);
    const results = await Promise.allSettled(
      due.map(({ orderId, ...seen }) => {
        const { trackingId, done } = this.completions.expect(COMPLETION_TIMEOUT_MS);
        this.eventBus.publish(new SagaDeadlinePassed(orderId, seen, trackingId));
        return done;
      }),
    );
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        this.logger.error(`deadline of order ${due[index]?.orderId} failed: ${String(result.reason)}`);
      }
    });
    return due.length;
  }
}
