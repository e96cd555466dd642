import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { SERVICE_CONFIG } from '@edr/config';
import { DeadlineAnnouncer } from '@edr/deadlines';
import { type IdempotentRequest, claimIdempotencyKey, requestHash } from '@edr/idempotency';
import { CorrelationContext } from '@edr/messaging';
import type { CustomerConfig } from '../customer.config.js';
import { CustomerRow } from '../customer.entity.js';
import type { CustomerStatus } from '../registration/registration.state.js';
import type { RegisterCustomerRequest } from './register-customer.request.js';
import { startRegistration } from './start-registration.js';

export interface RegisterCustomerResult {
  readonly customerId: string;
  readonly status: CustomerStatus;
  /** True when an earlier request with the same Idempotency-Key already registered this customer. */
  readonly replayed: boolean;
}

/**
 * One transaction: claim the Idempotency-Key (if any) and start the registration (start-registration.ts). A retry
 * with the same key and body gets the customer the first request registered, in its current status.
 */
@Injectable()
export class RegisterCustomerHandler {
  constructor(
    private readonly dataSource: DataSource,
    private readonly announcer: DeadlineAnnouncer,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<CustomerConfig, 'registration'>,
  ) {}

  async execute(
    request: RegisterCustomerRequest,
    idempotencyKey: string | null,
  ): Promise<RegisterCustomerResult> {
    const correlation = CorrelationContext.current();
    const deadlineAt = new Date(Date.now() + this.config.registration.deadlineMs);
    const result = await this.dataSource.transaction(async (tx) => {
      const customerId = randomUUID();
      if (idempotencyKey) {
        const key: IdempotentRequest = {
          key: idempotencyKey,
          hash: requestHash(request),
          resource: 'customer',
        };
        const existingId = await claimIdempotencyKey(tx, key, customerId);
        if (existingId) return this.replayed(tx, existingId);
      }
      const started = await startRegistration(tx, {
        customerId,
        request,
        deadlineAt,
        correlationId: correlation?.correlationId ?? randomUUID(),
        causationId: correlation?.causationId ?? null,
        traceparent: correlation?.traceparent ?? null,
      });
      // A fresh UUID cannot be taken; if it ever is, fail loudly rather than answer with someone else's customer.
      if (!started) throw new Error(`customer id ${customerId} is taken`);
      return { customerId, status: 'PENDING', replayed: false } as const;
    });
    if (!result.replayed) this.announcer.announce(deadlineAt);
    return result;
  }

  private async replayed(tx: EntityManager, customerId: string): Promise<RegisterCustomerResult> {
    const row = await tx.findOneByOrFail(CustomerRow, { customerId });
    return { customerId, status: row.status, replayed: true };
  }
}
