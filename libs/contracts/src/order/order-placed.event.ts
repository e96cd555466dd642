import { z } from 'zod';
import { defineMessage } from '../message-definition.js';
import { OrderService } from './order.identity.js';

/** ISO 3166-1 alpha-2: two upper-case letters. */
export const countryCodeSchema = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 country code such as "DE" or "US"');

export const orderItemSchema = z.object({
  sku: z.string().trim().min(1).max(64),
  quantity: z.number().int().positive().max(10_000),
  unitPrice: z.number().positive().max(1_000_000).multipleOf(0.01),
});

export const shippingAddressSchema = z.object({
  line1: z.string().trim().min(1).max(200),
  city: z.string().trim().min(1).max(100),
  postalCode: z.string().trim().min(1).max(20),
  country: countryCodeSchema,
});

export const OrderPlaced = defineMessage({
  type: 'OrderPlaced',
  schemaVersion: 1,
  kind: 'event',
  topic: OrderService.topics.orderEvents,
  producer: OrderService.name,
  payload: z.object({
    orderId: z.uuid(),
    customerId: z.string().min(1),
    items: z.array(orderItemSchema).min(1),
    shippingAddress: shippingAddressSchema,
    total: z.number().nonnegative(),
    placedAt: z.iso.datetime({ offset: true }),
  }),
});

export type OrderItem = z.infer<typeof orderItemSchema>;
export type ShippingAddress = z.infer<typeof shippingAddressSchema>;
export type OrderPlacedPayload = z.infer<typeof OrderPlaced.payload>;
