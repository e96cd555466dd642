import type { z } from 'zod';

/**
 * A message type as data: its name, schema version, whether it states a fact (event) or asks for work (command),
 * the topic it travels on, the service that produces it, and its payload schema. Producers and consumers share these
 * objects. One type may have several schema versions side by side (during a migration), each its own definition.
 */
export interface MessageDefinition<TSchema extends z.ZodType = z.ZodType> {
  readonly type: string;
  readonly schemaVersion: number;
  readonly kind: 'event' | 'command';
  readonly topic: string;
  /**
   * The one service that writes this message to its outbox (`config.serviceName`, e.g. `payment-service`): for an
   * event, the service whose aggregate it is about; for a command, the service that sends it. The outbox writer
   * refuses the message from any other service.
   */
  readonly producer: string;
  readonly payload: TSchema;
}

/** The payload type of a message definition. */
export type PayloadOf<T extends MessageDefinition> = z.infer<T['payload']>;

export const defineMessage = <const T extends MessageDefinition>(definition: T): T => definition;
