import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { type CancelShipment, ShipmentCancelled } from '@edr/contracts';
import type { IncomingMessageOf } from '@edr/messaging';
import { reply } from '../reply.js';
import { insertShipmentIfAbsent, lockShipment, markCancelled } from '../shipment-rows.js';
import { planCancellation, tombstoneRow } from './compensation-plan.js';

/** Compensation of ScheduleShipment. Idempotent, and it always replies. */
@Injectable()
export class CancelShipmentHandler {
  private readonly logger = new Logger(CancelShipmentHandler.name);

  async handle(command: IncomingMessageOf<typeof CancelShipment>, tx: EntityManager): Promise<void> {
    const { orderId } = command.payload;
    const shipmentId = await this.cancel(orderId, tx);
    await reply(tx, command, ShipmentCancelled, { orderId, shipmentId });
  }

  private async cancel(orderId: string, tx: EntityManager): Promise<string | null> {
    let row = await lockShipment(tx, orderId);
    if (row === null) {
      if (await insertShipmentIfAbsent(tx, tombstoneRow(orderId))) {
        this.logger.warn(`order ${orderId}: cancel arrived before any schedule; tombstone recorded`);
        return null;
      }
      // A ScheduleShipment for this order committed between our read and our insert: cancel what it recorded.
      row = await lockShipment(tx, orderId);
      if (row === null) throw new Error(`order ${orderId}: shipments row vanished after an insert conflict`);
    }
    const cancellation = planCancellation(row);
    if (cancellation.action === 'cancel') {
      await markCancelled(tx, orderId);
      this.logger.log(`order ${orderId}: shipment ${cancellation.shipmentId} cancelled`);
    }
    return cancellation.shipmentId;
  }
}
