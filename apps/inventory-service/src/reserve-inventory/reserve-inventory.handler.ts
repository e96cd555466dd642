import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InventoryReservationFailed, InventoryReserved, type ReserveInventory } from '@edr/contracts';
import { FaultInjector } from '@edr/fault-injection';
import { type IncomingMessageOf, outgoingReply } from '@edr/messaging';
import { reply } from '../reply.js';
import { claimReservation, lockReservation, recordFailure } from '../reservation-rows.js';
import { StockShortage, takeStock } from '../stock/stock-rows.js';
import { planReservation, reservationFailures } from './decision.js';
import { type ReserveOutcome, recordedOutcome } from './recorded-outcome.js';

/**
 * ReserveInventory: holds every line of the order or none, and answers InventoryReserved or
 * InventoryReservationFailed. Runs inside the command's inbox transaction; the reply commits with the effect.
 */
@Injectable()
export class ReserveInventoryHandler {
  constructor(private readonly faults: FaultInjector) {}

  async handle(command: IncomingMessageOf<typeof ReserveInventory>, tx: EntityManager): Promise<void> {
    const outcome = await this.reserve(command.payload, tx);
    await reply(tx, command, outcome.definition, outcome.payload);
  }

  private async reserve(
    { orderId, items }: IncomingMessageOf<typeof ReserveInventory>['payload'],
    tx: EntityManager,
  ): Promise<ReserveOutcome> {
    const reservationId = randomUUID();
    // Claiming the order's row first makes a second delivery for the same order (a retry with a new message id,
    // possibly on another instance) wait for this transaction and then find the recorded outcome instead of acting.
    if (!(await claimReservation(tx, orderId, reservationId))) {
      const recorded = await lockReservation(tx, orderId);
      if (!recorded) throw new Error(`reservation row of order ${orderId} vanished after a conflict`);
      return recordedOutcome(recorded);
    }
    const lines = planReservation(items);
    try {
      // A transaction inside the inbox transaction is a savepoint: a shortage undoes only the lines taken so far.
      await tx.transaction(async (savepoint) => {
        await takeStock(savepoint, orderId, lines);
        // Like payment and shipping, an injected refusal only turns a yes into a no: a real shortage wins.
        if (this.faults.shouldDecline()) throw new StockShortage(reservationFailures.injected());
      });
    } catch (error) {
      if (!(error instanceof StockShortage)) throw error;
      await recordFailure(tx, orderId, error.failure);
      return outgoingReply(InventoryReservationFailed, { orderId, ...error.failure });
    }
    return outgoingReply(InventoryReserved, { orderId, reservationId, items: lines });
  }
}
