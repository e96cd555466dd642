import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { DeadlineWatcher, type LookResult, handleEach } from '@edr/deadlines';
import { Authorizer } from '../authorize-payment/authorizer.js';
import { waitExpired } from '../authorize-payment/decision.js';
import { lockCustomer } from '../customer-copy/customer-copies.js';
import { readStanding } from '../customer-copy/customer-standing.js';
import type { PaymentConfig } from '../payment.config.js';
import { lockPayment } from '../payment-rows.js';
import { CustomerWaitAnnouncer } from './customer-wait.announcer.js';
import { WaitingAuthorizations } from './waiting-authorizations.js';

const BATCH = 100;

interface DueWait {
  readonly orderId: string;
  readonly customerId: string;
}

/**
 * Ends the waits that passed PAYMENT_CUSTOMER_WAIT_MS without the customer's registration ending in payment's copy:
 * declined CUSTOMER_UNKNOWN (no event for the customer at all) or CUSTOMER_PENDING. Sleeps until the earliest
 * awaiting_until (DeadlineWatcher), woken earlier by AuthorizePayment's announcements; no polling in between.
 */
@Injectable()
export class CustomerWaitWatcher implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(CustomerWaitWatcher.name);
  private readonly watcher: DeadlineWatcher;

  constructor(
    private readonly dataSource: DataSource,
    private readonly authorizer: Authorizer,
    private readonly waiting: WaitingAuthorizations,
    announcer: CustomerWaitAnnouncer,
    @Inject(SERVICE_CONFIG) private readonly config: PaymentConfig,
  ) {
    this.watcher = new DeadlineWatcher({
      name: CustomerWaitWatcher.name,
      batch: BATCH,
      announcer,
      backstopMs: config.payment.customerWaitBackstopMs,
      source: {
        handleDue: (now, limit) => this.handleDue(now, limit),
        nextDeadline: () => this.nextDeadline(),
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
    const due: DueWait[] = (
      await this.dataSource.query(
        `SELECT order_id, customer_id FROM payments
          WHERE status = 'AWAITING_CUSTOMER' AND awaiting_until <= $1
          ORDER BY awaiting_until LIMIT $2`,
        [now, limit],
      )
    ).map((row: { order_id: string; customer_id: string }) => ({
      orderId: row.order_id,
      customerId: row.customer_id,
    }));
    return handleEach(
      due,
      (wait) => this.expire(wait, now),
      ({ orderId }) => `the wait of order ${orderId}`,
      this.logger,
    );
  }

  /** Under the customer's lock, so it cannot cross the customer's outcome event; a wait settled since is left be. */
  private expire({ orderId, customerId }: DueWait, now: Date): Promise<void> {
    return this.dataSource.transaction(async (tx) => {
      await lockCustomer(tx, customerId);
      const payment = await lockPayment(tx, orderId);
      if (payment?.status !== 'AWAITING_CUSTOMER' || !payment.awaitingUntil || payment.awaitingUntil > now)
        return;
      const standing = await readStanding(tx, customerId);
      const verdict = this.authorizer.verdict(customerId, payment.amount, standing);
      const decision =
        verdict.kind === 'decided'
          ? verdict.decision
          : waitExpired(customerId, standing.copy, this.config.payment.customerWaitMs);
      await this.waiting.settle(tx, payment, decision);
    });
  }

  private async nextDeadline(): Promise<Date | null> {
    const [row]: Array<{ next: Date | null }> = await this.dataSource.query(
      `SELECT min(awaiting_until) AS next FROM payments WHERE status = 'AWAITING_CUSTOMER'`,
    );
    return row?.next ?? null;
  }
}
