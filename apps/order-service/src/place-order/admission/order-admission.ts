import { Inject, Injectable, Logger } from '@nestjs/common';
import { SERVICE_CONFIG } from '@edr/config';
import type { OrderConfig } from '../../order.config.js';
import { OrderSagaRepository } from '../../saga/order-saga.repository.js';
import { type Refuse, decideAdmission } from './admission-decision.js';
import { AdmissionLedger } from './admission-ledger.js';

/** An admitted placement: call `leave` once its transaction has ended. */
export interface Admitted {
  readonly admitted: true;
  leave(possiblyPlaced: boolean): void;
}

export interface Refused {
  readonly admitted: false;
  readonly refusal: Refuse;
}

/** What `GET /orders/admission` shows. */
export interface AdmissionStatus {
  readonly open: boolean;
  readonly limit: number;
  /** The estimate the next POST is judged by: the reading plus what this instance admitted since. */
  readonly backlog: number;
  readonly reading: { readonly inFlight: number; readonly readAt: string };
  readonly admittedSinceReading: number;
  readonly retryAfterSeconds: number;
  readonly refreshMs: number;
}

/**
 * Admission control at POST /orders: refuses a new order while the sagas in flight reach
 * ORDER_ADMISSION_MAX_IN_FLIGHT, so an overloaded stack keeps finishing what it accepted instead of accepting work
 * that will time out. The backlog is counted in order_sagas at most once per ORDER_ADMISSION_REFRESH_MS, lazily, by
 * the request that finds the reading too old (the others waiting for the same count): no timer, no query while no
 * request arrives. Between counts, the ledger adds what this process admitted since.
 */
@Injectable()
export class OrderAdmission {
  private readonly logger = new Logger(OrderAdmission.name);
  private readonly ledger = new AdmissionLedger();
  private counting: Promise<void> | null = null;
  private open = true;

  constructor(
    private readonly sagas: OrderSagaRepository,
    @Inject(SERVICE_CONFIG) private readonly config: Pick<OrderConfig, 'admission'>,
  ) {}

  async enter(): Promise<Admitted | Refused> {
    await this.fresh();
    // From the decision to `enter` nothing awaits: concurrent requests are judged one after the other.
    const decision = this.decide();
    if (!decision.admit) return { admitted: false, refusal: decision };
    this.ledger.enter();
    let left = false;
    return {
      admitted: true,
      leave: (possiblyPlaced) => {
        if (left) return;
        left = true;
        this.ledger.leave(possiblyPlaced);
      },
    };
  }

  async status(): Promise<AdmissionStatus> {
    await this.fresh();
    const decision = this.decide();
    const reading = this.ledger.reading!;
    const { maxInFlight, retryAfterS, refreshMs } = this.config.admission;
    return {
      open: decision.admit,
      limit: maxInFlight,
      backlog: decision.backlog,
      reading: { inFlight: reading.inFlight, readAt: new Date(reading.takenAt).toISOString() },
      admittedSinceReading: this.ledger.admittedSince(),
      retryAfterSeconds: retryAfterS,
      refreshMs,
    };
  }

  private decide() {
    const decision = decideAdmission({
      reading: this.ledger.reading?.inFlight ?? 0,
      admittedSince: this.ledger.admittedSince(),
      limit: this.config.admission.maxInFlight,
      retryAfterS: this.config.admission.retryAfterS,
    });
    if (decision.admit !== this.open) {
      this.open = decision.admit;
      if (decision.admit) this.logger.log(`POST /orders admits again: ${decision.backlog} sagas in flight`);
      else {
        this.logger.warn(
          `POST /orders refuses new orders (503): ${decision.backlog} sagas in flight, limit ${decision.limit}`,
        );
      }
    }
    return decision;
  }

  private async fresh(): Promise<void> {
    if (this.ledger.isFresh(Date.now(), this.config.admission.refreshMs)) return;
    this.counting ??= this.count().finally(() => (this.counting = null));
    await this.counting;
  }

  private async count(): Promise<void> {
    const ticket = this.ledger.beginReading(Date.now());
    this.ledger.endReading(ticket, await this.sagas.countInFlight());
  }
}
