import { z } from 'zod';
import { defineMessage, type PayloadOf } from '../message-definition.js';
import { OrderService } from '../order/order.identity.js';
import { InventoryService } from './inventory.identity.js';

const attempt = z.number().int().positive();

export const stockLineSchema = z.object({
  sku: z.string().min(1).max(64),
  quantity: z.number().int().positive(),
});
export type StockLine = z.infer<typeof stockLineSchema>;

export const ReserveInventory = defineMessage({
  type: 'ReserveInventory',
  schemaVersion: 1,
  kind: 'command',
  topic: InventoryService.topics.inventoryCommands,
  producer: OrderService.name,
  payload: z.object({ orderId: z.uuid(), items: z.array(stockLineSchema).min(1), attempt }),
});

/** Compensation of ReserveInventory: puts the order's reserved quantities back on hand; idempotent. */
export const ReleaseInventory = defineMessage({
  type: 'ReleaseInventory',
  schemaVersion: 1,
  kind: 'command',
  topic: InventoryService.topics.inventoryCommands,
  producer: OrderService.name,
  payload: z.object({ orderId: z.uuid(), attempt }),
});

export const InventoryReserved = defineMessage({
  type: 'InventoryReserved',
  schemaVersion: 1,
  kind: 'event',
  topic: InventoryService.topics.inventoryEvents,
  producer: InventoryService.name,
  payload: z.object({
    orderId: z.uuid(),
    reservationId: z.string().min(1),
    items: z.array(stockLineSchema),
  }),
});

export const InventoryReservationFailed = defineMessage({
  type: 'InventoryReservationFailed',
  schemaVersion: 1,
  kind: 'event',
  topic: InventoryService.topics.inventoryEvents,
  producer: InventoryService.name,
  payload: z.object({
    orderId: z.uuid(),
    code: z.enum(['OUT_OF_STOCK', 'UNKNOWN_SKU', 'ALREADY_COMPENSATED', 'INJECTED_FAILURE']),
    /** The first SKU that could not be reserved, when the failure is about one. */
    sku: z.string().nullable(),
    detail: z.string(),
  }),
});

/** Sent for every ReleaseInventory, including repeats; `items` is what this command put back (empty on a repeat). */
export const InventoryReleased = defineMessage({
  type: 'InventoryReleased',
  schemaVersion: 1,
  kind: 'event',
  topic: InventoryService.topics.inventoryEvents,
  producer: InventoryService.name,
  payload: z.object({
    orderId: z.uuid(),
    reservationId: z.string().min(1).nullable(),
    items: z.array(stockLineSchema),
  }),
});

export type ReserveInventoryPayload = PayloadOf<typeof ReserveInventory>;
export type ReleaseInventoryPayload = PayloadOf<typeof ReleaseInventory>;
export type InventoryReservedPayload = PayloadOf<typeof InventoryReserved>;
export type InventoryReservationFailedPayload = PayloadOf<typeof InventoryReservationFailed>;
export type InventoryReleasedPayload = PayloadOf<typeof InventoryReleased>;
