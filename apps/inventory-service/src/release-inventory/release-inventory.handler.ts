import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import {
  InventoryReleased,
  type InventoryReleasedPayload,
  type ReleaseInventoryPayload,
} from '@edr/contracts';
import { type IncomingEvent, UnprocessableMessageError } from '@edr/messaging';
import { queryRows } from '../query-rows.js';
import { reply } from '../reply.js';
import { loadReservationForUpdate } from '../reservation/load-reservation.js';

/**
 * ReleaseInventory, the compensation of ReserveInventory: puts the order's reserved units back once, and always
 * answers InventoryReleased (with empty items when there was nothing, or nothing more, to put back).
 */
@Injectable()
export class ReleaseInventoryHandler {
  async handle(command: IncomingEvent, manager: EntityManager): Promise<void> {
    const { orderId } = command.envelope.payload as ReleaseInventoryPayload;
    const released = await this.release(orderId, manager);
    await reply(manager, command, InventoryReleased, orderId, released);
  }

  private async release(orderId: string, manager: EntityManager): Promise<InventoryReleasedPayload> {
    // Released before it was ever reserved (reordered or redriven messages): leave a tombstone so that the late
    // ReserveInventory is refused with ALREADY_COMPENSATED instead of holding stock nobody will release.
    const tombstone = await queryRows(
      manager,
      `INSERT INTO reservations (order_id, status) VALUES ($1, 'RELEASED')
       ON CONFLICT (order_id) DO NOTHING RETURNING order_id`,
      [orderId],
    );
    if (tombstone.length > 0) return { orderId, reservationId: null, items: [] };

    const recorded = await loadReservationForUpdate(manager, orderId);
    if (!recorded) throw new Error(`reservation row of order ${orderId} vanished after a conflict`);
    if (recorded.status !== 'RESERVED') {
      return { orderId, reservationId: recorded.reservationId, items: [] };
    }
    // Lines come back in SKU order: the same lock order as reserving.
    for (const { sku, quantity } of recorded.lines) {
      const restored = await queryRows(
        manager,
        `UPDATE stock SET reserved = reserved - $2::bigint, updated_at = now()
         WHERE sku = $1 AND reserved >= $2::bigint
         RETURNING sku`,
        [sku, quantity],
      );
      if (restored.length === 0) {
        // Retrying cannot fix a broken invariant; park the command in the DLQ for a human.
        throw new UnprocessableMessageError(
          `stock of ${sku} holds fewer than the ${quantity} reserved units of order ${orderId}; not releasing`,
        );
      }
    }
    await manager.query(
      `UPDATE reservations SET status = 'RELEASED', updated_at = now() WHERE order_id = $1`,
      [orderId],
    );
    return { orderId, reservationId: recorded.reservationId, items: [...recorded.lines] };
  }
}
