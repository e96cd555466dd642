import { z } from 'zod';
import { orderItemSchema, shippingAddressSchema } from '@edr/contracts';

export const placeOrderRequestSchema = z.strictObject({
  customerId: z.string().trim().min(1).max(64),
  items: z.array(orderItemSchema.strict()).min(1, 'an order needs at least one item').max(100),
  shippingAddress: shippingAddressSchema.strict(),
});

export type PlaceOrderRequest = z.infer<typeof placeOrderRequestSchema>;
