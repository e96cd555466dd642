import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { InventoryReleased, type ReleaseInventory } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import { reply } from '../reply.js';
import { insertTombstone, lockReservation, markReleased } from '../reservation-rows.js';
import type { RecordedReservation } from '../reserve-inventory/recorded-outcome.js';
import { restoreStock } from '../stock/stock-rows.js';
import { planRelease } from './compensation-plan.js';

/**
 * ReleaseInventory, the compensation of ReserveInventory: puts the order's reserved units back once, and always
 * answers InventoryReleased (with empty items when there was nothing, or nothing more, to put back).
 */
@Injectable()
export class ReleaseInventoryHandler {
  async handle(command: IncomingMessageOf<typeof ReleaseInventory>, tx: EntityManager): Promise<void> {
    const { orderId } = command.payload;
    const plan = planRelease(await this.currentReservation(orderId, tx));
    if (plan.action === 'RELEASE') {
      // Lines come back in SKU order: the same lock order as reserving.
      await restoreStock(tx, orderId, plan.lines);
      await markReleased(tx, orderId);
    }
    await reply(tx, command, InventoryReleased, { orderId, ...plan.reply });
  }

  /** The locked row; null only if this command just recorded the tombstone (no reservation existed). */
  private async currentReservation(orderId: string, tx: EntityManager): Promise<RecordedReservation | null> {
    if (await insertTombstone(tx, orderId)) return null;
    const recorded = await lockReservation(tx, orderId);
    if (!recorded) throw new Error(`reservation row of order ${orderId} vanished after a conflict`);
    return recorded;
  }
}
