import {
  type BeforeApplicationShutdown,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { Inject } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { DeadlineWatcher, type LookResult, handleEach } from '@edr/deadlines';
import type { ProjectionConfig } from '../projection.config.js';
import { CepReactor } from './cep.reactor.js';
import { dueTimers, nextTimerDue } from './cep-store.js';
import { takeFeedLock } from '../read-model/view-change.js';

const BATCH = 100;

/**
 * Fires the absence rules' timers (cep_timers) whose deadline passed by the wall clock with no expected event, through
 * @edr/deadlines' watcher: it sleeps until the earliest pending deadline (or one the reactor announced since), at
 * most PROJECTION_CEP_BACKSTOP_MS, and looks once at boot, so timers that came due while the service was down fire
 * when it is back. Each due timer is fired in its own transaction under its key's lock, re-checked there, so one
 * decided meanwhile by its expected event does not fire.
 */
@Injectable()
export class CepTimerWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CepTimerWatcher.name);
  readonly watcher: DeadlineWatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly reactor: CepReactor,
    @Inject(SERVICE_CONFIG) config: ProjectionConfig,
  ) {
    this.watcher = new DeadlineWatcher({
      name: CepTimerWatcher.name,
      batch: BATCH,
      announcer: reactor.timers,
      backstopMs: config.cep.backstopMs,
      source: {
        handleDue: (now, limit) => this.handleDue(now, limit),
        nextDeadline: () => nextTimerDue(this.dataSource.manager, this.reactor.engine.timedRules),
      },
    });
  }

  onApplicationBootstrap(): void {
    this.watcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.watcher.stop();
  }

  private async handleDue(now: Date, limit: number): Promise<LookResult> {
    const engine = this.reactor.engine;
    return handleEach(
      await dueTimers(this.dataSource.manager, engine.timedRules, now, limit),
      (timer) =>
        this.dataSource.transaction(async (tx) => {
          await takeFeedLock(tx);
          await engine.fireDue(tx, timer, now);
        }),
      (timer) => `${timer.rule} timer of ${timer.key}`,
      this.logger,
    );
  }
}
