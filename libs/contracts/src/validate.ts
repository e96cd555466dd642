import type { z } from 'zod';
import { type EventEnvelope, eventEnvelopeSchema } from './envelope.js';
import { MessageCatalog, type VersionedMessageCatalog } from './message-catalog.js';

export type Validation<T> = { ok: true; value: T } | { ok: false; error: string };

/** Turns zod issues into one line that names each offending field: `items.0.quantity: Too small: ...`. */
export const describeIssues = (issues: readonly z.core.$ZodIssue[]): string =>
  issues.map((i) => `${i.path.length ? i.path.join('.') : '(root)'}: ${i.message}`).join('; ');

/**
 * Validates an incoming record value: the envelope first, then the payload against the catalog entry for its type
 * and schema version. Unknown types and versions are errors, not silently skipped: they end up in the DLQ where
 * someone can see them. `catalog` is the system's MessageCatalog unless a test brings its own.
 */
export function parseEvent(
  value: unknown,
  catalog: VersionedMessageCatalog = MessageCatalog,
): Validation<EventEnvelope> {
  const envelope = eventEnvelopeSchema.safeParse(value);
  if (!envelope.success)
    return { ok: false, error: `invalid envelope: ${describeIssues(envelope.error.issues)}` };
  const { type, schemaVersion } = envelope.data;
  const definition = catalog.find(type, schemaVersion);
  if (!definition) {
    const known = catalog.versionsOf(type);
    if (known.length === 0) return { ok: false, error: `unknown event type "${type}"` };
    return {
      ok: false,
      error: `unsupported schemaVersion ${schemaVersion} for ${type} (known versions: ${known.join(', ')})`,
    };
  }
  const payload = definition.payload.safeParse(envelope.data.payload);
  if (!payload.success) {
    return {
      ok: false,
      error: `invalid ${type} v${schemaVersion} payload: ${describeIssues(payload.error.issues)}`,
    };
  }
  return { ok: true, value: { ...envelope.data, payload: payload.data as Record<string, unknown> } };
}
