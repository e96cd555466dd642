import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { DeadlineAnnouncer, DeadlineWatcher, handleEach } from '@edr/deadlines';
import type { CustomerConfig } from '../../customer.config.js';
import { RegistrationMachine } from '../registration.machine.js';
import { type DueRegistration, RegistrationRepository } from '../registration.repository.js';
import { RegistrationRunner } from '../registration.runner.js';

const BATCH = 100;

/**
 * Fails registrations whose deadline passed while a part was still pending (CUSTOMER_REGISTRATION_DEADLINE_MS),
 * through @edr/deadlines' watcher: it sleeps until the earliest deadline in `customers` (or announced by
 * POST /customers in this process), at most CUSTOMER_DEADLINE_BACKSTOP_MS, and looks once at boot. Each due
 * registration is decided in its own transaction under its row lock, so a sighting made stale by an outcome that
 * committed meanwhile changes nothing.
 */
@Injectable()
export class RegistrationDeadlineWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(RegistrationDeadlineWatcher.name);
  readonly watcher: DeadlineWatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly registrations: RegistrationRepository,
    private readonly runner: RegistrationRunner,
    announcer: DeadlineAnnouncer,
    @Inject(SERVICE_CONFIG) config: Pick<CustomerConfig, 'registration'>,
  ) {
    this.watcher = new DeadlineWatcher({
      name: RegistrationDeadlineWatcher.name,
      batch: BATCH,
      announcer,
      backstopMs: config.registration.deadlineBackstopMs,
      source: {
        handleDue: async (now, limit) =>
          handleEach(
            await this.registrations.due(now, limit),
            (registration) => this.deadlinePassed(registration),
            (registration) => `registration ${registration.customerId}`,
            this.logger,
          ),
        nextDeadline: () => this.registrations.nextDeadline(),
      },
    });
  }

  onApplicationBootstrap(): void {
    this.watcher.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.watcher.stop();
  }

  /** A deadline is no message, so there is no inbox transaction to join: the transaction is opened here. */
  private deadlinePassed({ customerId, correlationId }: DueRegistration): Promise<void> {
    return this.dataSource.transaction((tx) =>
      this.runner.apply(
        tx,
        customerId,
        // No message caused it; it belongs to the request that started the registration.
        { correlationId, causationId: null, traceparent: null },
        (state, now) => RegistrationMachine.deadlinePassed(state, now),
      ),
    );
  }
}
