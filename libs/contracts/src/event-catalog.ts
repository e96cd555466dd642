import type { z } from 'zod';
import { OrderPlaced } from './order/order-placed.event.js';

export interface EventDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly schemaVersion: number;
  readonly payload: TSchema;
}

/** Every event type this system knows, by name. Consumers validate incoming payloads against it. */
export const EventCatalog: Readonly<Record<string, EventDefinition>> = {
  [OrderPlaced.type]: OrderPlaced,
};
