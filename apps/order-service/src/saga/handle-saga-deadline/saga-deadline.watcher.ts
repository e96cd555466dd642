import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SERVICE_CONFIG } from '@edr/config';
import type { OrderConfig } from '../../order.config.js';
import { OrderSagaRepository } from '../order-saga.repository.js';
import { HandleSagaDeadlineCommand } from './handle-saga-deadline.command.js';

const BATCH = 100;

/**
 * Polls order_sagas for passed deadlines and sends HandleSagaDeadlineCommand for each, awaiting them all; one that
 * fails is logged and does not hold up the others (its deadline is still due, so the next poll retries it). Deadlines live in the database,
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
    private readonly commandBus: CommandBus,
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
      due.map(({ orderId, ...seen }) =>
        this.commandBus.execute(new HandleSagaDeadlineCommand(orderId, seen)),
      ),
    );
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        this.logger.error(`deadline of order ${due[index]?.orderId} failed: ${String(result.reason)}`);
      }
    });
    return due.length;
  }
}
