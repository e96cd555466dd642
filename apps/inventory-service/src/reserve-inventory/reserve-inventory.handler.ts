import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InventoryReservationFailed, InventoryReserved, type ReserveInventoryPayload } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import type { IncomingEvent } from '@edr/messaging';
import { queryRows } from '../query-rows.js';
import { reply } from '../reply.js';
import { loadReservationForUpdate } from '../reservation/load-reservation.js';
import {
  type ReservationFailure,
  type ReserveOutcome,
  recordedOutcome,
  reservationFailures,
} from '../reservation/reservation-outcome.js';
import { planReservation } from './reservation-plan.js';
import { StockShortage, takeStock } from './take-stock.js';

/**
 * ReserveInventory: holds every line of the order or none, and answers InventoryReserved or
 * InventoryReservationFailed. Runs inside the command's inbox transaction; the reply commits with the effect.
 */
@Injectable()
export class ReserveInventoryHandler {
  constructor(private readonly faults: FaultInjector) {}

  async handle(command: IncomingEvent, manager: EntityManager): Promise<void> {
    const outcome = await this.reserve(command.envelope.payload as ReserveInventoryPayload, manager);
    const { orderId } = outcome.payload;
    if (outcome.kind === 'reserved')
      await reply(manager, command, InventoryReserved, orderId, outcome.payload);
    else await reply(manager, command, InventoryReservationFailed, orderId, outcome.payload);
  }

  private async reserve(
    { orderId, items }: ReserveInventoryPayload,
    manager: EntityManager,
  ): Promise<ReserveOutcome> {
    const reservationId = randomUUID();
    // Claiming the order's row first makes a second delivery for the same order (a retry with a new message id,
    // possibly on another instance) wait for this transaction and then find the recorded outcome instead of acting.
    // Nobody sees the provisional RESERVED before commit; a failure below overwrites it.
    const claimed = await queryRows(
      manager,
      `INSERT INTO reservations (order_id, reservation_id, status) VALUES ($1, $2, 'RESERVED')
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
      [orderId, reservationId],
    );
    if (claimed.length === 0) {
      const recorded = await loadReservationForUpdate(manager, orderId);
      if (!recorded) throw new Error(`reservation row of order ${orderId} vanished after a conflict`);
      return recordedOutcome(recorded);
    }
    const lines = planReservation(items);
    try {
      // manager.transaction inside a transaction is a savepoint: a shortage undoes only the lines taken so far.
      await manager.transaction(async (savepoint) => {
        await takeStock(savepoint, orderId, lines);
        // Like payment and shipping, an injected refusal only turns a yes into a no: a real shortage wins.
        if (this.faults.shouldDecline()) throw new StockShortage(reservationFailures.injected());
      });
    } catch (error) {
      if (error instanceof StockShortage) return refuse(manager, orderId, error.failure);
      throw error;
    }
    return { kind: 'reserved', payload: { orderId, reservationId, items: lines } };
  }
}

/** Records the refusal, so a retried command is refused the same way. */
async function refuse(
  manager: EntityManager,
  orderId: string,
  failure: ReservationFailure,
): Promise<ReserveOutcome> {
  await manager.query(
    `UPDATE reservations
     SET status = 'FAILED', reservation_id = NULL, failure_code = $2, failure_detail = $3, failure_sku = $4,
         updated_at = now()
     WHERE order_id = $1`,
    [orderId, failure.code, failure.detail, failure.sku],
  );
  return { kind: 'failed', payload: { orderId, ...failure } };
}
