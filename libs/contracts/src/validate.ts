import type { z } from 'zod';
import { type EventEnvelope, eventEnvelopeSchema } from './envelope.js';
import { messageDefinition } from './message-catalog.js';

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

/** Turns zod issues into one line that names each offending field: `items.0.quantity: Too small: ...`. */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');

/**
 * Validates an incoming record value: the envelope first, then the payload against the catalog entry for its type
 * and schema version. Unknown types and versions are errors, not silently skipped: they end up in the DLQ where
 * someone can see them.
 */
export function parseEvent(value: unknown): Validation<EventEnvelope> {
  const envelope = eventEnvelopeSchema.safeParse(value);
  if (!envelope.success)
    return { ok: false, error: `invalid envelope: ${describeIssues(envelope.error.issues)}` };
  const definition = messageDefinition(envelope.data.type);
  if (!definition) return { ok: false, error: `unknown event type "${envelope.data.type}"` };
  if (definition.schemaVersion !== envelope.data.schemaVersion) {
    return {
      ok: false,
      error: `unsupported schemaVersion ${envelope.data.schemaVersion} for ${envelope.data.type} (expected ${definition.schemaVersion})`,
    };
  }
  const payload = definition.payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    return {
      ok: false,
      error: `invalid ${envelope.data.type} payload: ${describeIssues(payload.error.issues)}`,
    };
  }
  return { ok: true, value: { ...envelope.data, payload: payload.data as Record<string, unknown> } };
}
