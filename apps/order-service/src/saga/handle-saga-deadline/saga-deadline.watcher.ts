import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { SERVICE_CONFIG } from '@edr/config';
import { DeadlineWatcher, type LookResult, handleEach } from '@edr/deadlines';
import type { OrderConfig } from '../../order.config.js';
import { OrderSagaRepository } from '../order-saga.repository.js';
import { HandleSagaDeadlineCommand } from './handle-saga-deadline.command.js';
import { SagaDeadlineAnnouncer } from '../saga-deadline.announcer.js';

const BATCH = 100;

export type { LookResult } from '@edr/deadlines';

/**
 * Looks for passed deadlines in order_sagas and sends HandleSagaDeadlineCommand for each, awaiting them all; one that
 * fails is logged and does not hold up the others. Sleeps between looks as DeadlineWatcher describes, at most
 * SAGA_DEADLINE_BACKSTOP_MS, waking earlier for deadlines the runner announces. Several instances may see the same
 * deadline; the machine ignores sightings that are stale under the row lock.
 */
@Injectable()
export class SagaDeadlineWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SagaDeadlineWatcher.name);
  private readonly watcher: DeadlineWatcher;

  constructor(
    private readonly sagas: OrderSagaRepository,
    private readonly commandBus: CommandBus,
    announcer: SagaDeadlineAnnouncer,
    @Inject(SERVICE_CONFIG) config: Pick<OrderConfig, 'saga'>,
  ) {
    this.watcher = new DeadlineWatcher({
      name: SagaDeadlineWatcher.name,
      batch: BATCH,
      announcer,
      backstopMs: config.saga.deadlineBackstopMs,
      source: {
        handleDue: (now, limit) => this.handleDue(now, limit),
        nextDeadline: () => this.sagas.nextDeadline(),
      },
    });
  }

  onApplicationBootstrap(): void {
    this.watcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.watcher.stop();
  }

  /** When the next look is planned (null while a look runs or after shutdown). */
  get nextLookAt(): Date | null {
    return this.watcher.nextLookAt;
  }

  /** Resolves when no look is running. */
  idle(): Promise<void> {
    return this.watcher.idle();
  }

  /** A saga in this process now has `deadline`: wake for it if that is earlier than planned. */
  expect(deadline: Date): void {
    this.watcher.expect(deadline);
  }

  /** Handles every saga that is due now; resolves when their commands have finished. */
  checkOnce(): Promise<LookResult> {
    return this.watcher.checkOnce();
  }

  private async handleDue(now: Date, limit: number): Promise<LookResult> {
    const due = await this.sagas.due(now, limit);
    return handleEach(
      due,
      ({ orderId, ...seen }) => this.commandBus.execute(new HandleSagaDeadlineCommand(orderId, seen)),
      ({ orderId }) => `order ${orderId}`,
      this.logger,
    );
  }
}
