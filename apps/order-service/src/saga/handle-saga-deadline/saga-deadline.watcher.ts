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
import { nextLookDelay } from './next-look.js';
import { SagaDeadlineAnnouncer } from '../saga-deadline.announcer.js';

const BATCH = 100;

export interface LookResult {
  /** Sagas found due. */
  readonly due: number;
  /** Of those, the ones whose command failed (still due, retried on a later look). */
  readonly failed: number;
}

/**
 * Looks for passed deadlines in order_sagas and sends HandleSagaDeadlineCommand for each, awaiting them all; one that
 * fails is logged and does not hold up the others. Between looks it sleeps until the earliest pending deadline (read
 * from order_sagas after each look, or announced by the runner in this process since), at most
 * SAGA_DEADLINE_BACKSTOP_MS: an idle service wakes once per backstop, not several times a second.
 *
 * Deadlines live in the database, not in timers, so they survive restarts: the first look runs at boot. Several
 * instances may run: each wakes for the earliest deadline in the shared table, and a deadline written by another
 * instance after this one's last look is covered by that instance's own announcement, or by the backstop if it died.
 * Several instances may see the same deadline; the machine ignores sightings that are stale under the row lock.
 */
@Injectable()
export class SagaDeadlineWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(SagaDeadlineWatcher.name);
  private timer: NodeJS.Timeout | null = null;
  private wakeAt: number | null = null;
  /** The earliest announced deadline that no look has reached yet (epoch ms). */
  private announced: number | null = null;
  private looking: Promise<void> | null = null;
  private stopped = false;
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly sagas: OrderSagaRepository,
    private readonly commandBus: CommandBus,
    private readonly announcer: SagaDeadlineAnnouncer,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<OrderConfig, 'saga'>,
  ) {}

  onApplicationBootstrap(): void {
    this.unsubscribe = this.announcer.subscribe((deadline) => this.expect(deadline));
    this.arm(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    this.unsubscribe?.();
    this.disarm();
    await this.looking;
  }

  /** When the next look is planned (null while a look runs or after shutdown). */
  get nextLookAt(): Date | null {
    return this.wakeAt === null ? null : new Date(this.wakeAt);
  }

  /** Resolves when no look is running. */
  async idle(): Promise<void> {
    while (this.looking) await this.looking;
  }

  /** A saga in this process now has `deadline`: wake for it if that is earlier than planned. */
  expect(deadline: Date): void {
    if (this.stopped) return;
    const at = deadline.getTime();
    this.announced = this.announced === null ? at : Math.min(this.announced, at);
    // While a look runs there is no timer; the look plans the next one with `announced` in mind.
    if (this.timer && this.wakeAt !== null && at < this.wakeAt) this.arm(at - Date.now());
  }

  /** Handles every saga that is due now; resolves when their commands have finished. */
  async checkOnce(): Promise<LookResult> {
    const due = await this.sagas.due(new Date(), BATCH);
    const results = await Promise.allSettled(
      due.map(({ orderId, ...seen }) =>
        this.commandBus.execute(new HandleSagaDeadlineCommand(orderId, seen)),
      ),
    );
    let failed = 0;
    results.forEach((result, index) => {
      if (result.status === 'rejected') {
        failed += 1;
        this.logger.error(`deadline of order ${due[index]?.orderId} failed: ${String(result.reason)}`);
      }
    });
    return { due: due.length, failed };
  }

  private arm(delayMs: number): void {
    this.disarm();
    const delay = Math.max(0, delayMs);
    this.wakeAt = Date.now() + delay;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.wakeAt = null;
      this.looking = this.look().finally(() => (this.looking = null));
    }, delay);
  }

  private disarm(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.wakeAt = null;
  }

  private async look(): Promise<void> {
    const startedAt = Date.now();
    let result: LookResult = { due: 0, failed: 0 };
    let failed = false;
    let nextDeadline: Date | null = null;
    try {
      result = await this.checkOnce();
      failed = result.failed > 0;
      if (!failed && result.due < BATCH) nextDeadline = await this.sagas.nextDeadline();
    } catch (error) {
      failed = true;
      this.logger.error(`deadline check failed: ${String(error)}`);
    }
    // This look saw every deadline up to its start that had committed by then.
    if (this.announced !== null && this.announced <= startedAt) this.announced = null;
    if (this.stopped) return;
    this.arm(
      nextLookDelay({
        now: Date.now(),
        nextDeadline: nextDeadline?.getTime() ?? null,
        announced: this.announced,
        batchFull: result.due >= BATCH,
        failed,
        backstopMs: this.config.saga.deadlineBackstopMs,
      }),
    );
  }
}
