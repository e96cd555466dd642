import type { z } from 'zod';
import type { Topic } from './topics.js';

/**
 * A message type as data: its name, schema version, whether it states a fact (event) or asks for work (command),
 * the topic it travels on, and its payload schema. Producers and consumers share these objects.
 */
export interface MessageDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly schemaVersion: number;
  readonly kind: 'event' | 'command';
  readonly topic: Topic;
  readonly payload: TSchema;
}

/** The payload type of a message definition. */
export type PayloadOf<T extends MessageDefinition> = z.infer<T['payload']>;

export const defineMessage = <const T extends MessageDefinition>(definition: T): T => definition;
