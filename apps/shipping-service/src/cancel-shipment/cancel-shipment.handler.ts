import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CancelShipmentPayload } from '@edr/contracts';
import type { IncomingEvent } from '@edr/messaging';
import { insertShipmentIfAbsent, lockShipment } from '../shipment-rows.js';
import { shipmentCancelled, writeReply } from '../shipping-reply.js';
import { cancellationFor, tombstoneRow } from './cancellation.js';

/** Compensation of ScheduleShipment. Idempotent, and it always replies. */
@Injectable()
export class CancelShipmentHandler {
  private readonly logger = new Logger(CancelShipmentHandler.name);

  async handle(command: IncomingEvent, manager: EntityManager): Promise<void> {
    const { orderId } = command.envelope.payload as CancelShipmentPayload;
    const shipmentId = await this.cancel(orderId, manager);
    await writeReply(manager, command, shipmentCancelled({ orderId, shipmentId }));
  }

  private async cancel(orderId: string, manager: EntityManager): Promise<string | null> {
    let row = await lockShipment(manager, orderId);
    if (row === null) {
      if (await insertShipmentIfAbsent(manager, tombstoneRow(orderId))) {
        this.logger.warn(`order ${orderId}: cancel arrived before any schedule; tombstone recorded`);
        return null;
      }
      // A ScheduleShipment for this order committed between our read and our insert: cancel what it recorded.
      row = await lockShipment(manager, orderId);
      if (row === null) throw new Error(`order ${orderId}: shipments row vanished after an insert conflict`);
    }
    const cancellation = cancellationFor(row);
    if (cancellation.action === 'cancel') {
      await manager.query(
        `UPDATE shipments SET status = 'CANCELLED', cancelled_at = now(), updated_at = now() WHERE order_id = $1`,
        [orderId],
      );
      this.logger.log(`order ${orderId}: shipment ${cancellation.shipmentId} cancelled`);
    }
    return cancellation.shipmentId;
  }
}
