import { describe, expect, test } from '@jest/globals';
import { orderPlacedEnvelope } from '@edr/testing';
import { parseEvent } from './validate.js';

const orderPlaced = orderPlacedEnvelope;

describe('parseEvent', () => {
  test('accepts a valid OrderPlaced envelope', () => {
    expect(parseEvent(orderPlaced())).toMatchObject({ ok: true });
  });

  test('names the offending payload field', () => {
    const event = orderPlaced();
    event.payload.items[0]!.quantity = 0;
    const result = parseEvent(event);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('items.0.quantity');
  });

  test('rejects unknown types and versions instead of skipping them', () => {
    expect(parseEvent({ ...orderPlaced(), type: 'Nope' })).toEqual({
      ok: false,
      error: 'unknown event type "Nope"',
    });
    const v2 = parseEvent({ ...orderPlaced(), schemaVersion: 2 });
    expect(!v2.ok && v2.error).toContain('unsupported schemaVersion 2');
    expect(!v2.ok && v2.error).toContain('known versions: 1');
  });

  test('rejects a value that is not an envelope', () => {
    const result = parseEvent('hello');
    expect(!result.ok && result.error).toMatch(/^invalid envelope/);
  });
});
