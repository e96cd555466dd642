import type { EntityManager } from 'typeorm';
import { RenderShippingLabel, ShippingService } from '@edr/contracts';
import { type MessageOrigin, causedBy } from '@edr/messaging';
import { type Task, enqueueTask, latestTaskFor } from '@edr/tasks';
import type { NewShipmentRow } from '../shipment-rows.js';

export type ScheduledShipment = NewShipmentRow & {
  readonly shipmentId: string;
  readonly carrier: string;
  readonly trackingNumber: string;
  readonly address: NonNullable<NewShipmentRow['address']>;
};

/** A row that books a shipment: SCHEDULED rows have these fields (the table's check constraint). */
export const isScheduled = (row: NewShipmentRow): row is ScheduledShipment =>
  row.status === 'SCHEDULED' &&
  row.shipmentId !== null &&
  row.carrier !== null &&
  row.trackingNumber !== null &&
  row.address !== null;

/**
 * Enqueues the label of a shipment just scheduled, through the transaction that records the booking: the label
 * task exists if and only if the shipment does. A label worker renders it (apps/label-worker).
 */
export const enqueueLabel = (tx: EntityManager, shipment: ScheduledShipment, cause: MessageOrigin) =>
  enqueueTask(tx, RenderShippingLabel, {
    producer: ShippingService.name,
    aggregateType: ShippingService.aggregateType,
    subjectId: shipment.orderId,
    payload: {
      orderId: shipment.orderId,
      shipmentId: shipment.shipmentId,
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      shippingAddress: shipment.address,
    },
    ...causedBy(cause),
    traceparent: cause.headers['traceparent'] ?? null,
  });

/** The label task of an order's shipment, or null before one was enqueued. */
export const labelTaskOf = (manager: EntityManager, orderId: string): Promise<Task | null> =>
  latestTaskFor(manager, RenderShippingLabel.type, orderId);
