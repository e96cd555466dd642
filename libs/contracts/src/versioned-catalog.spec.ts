import { describe, expect, test } from '@jest/globals';
import { orderPlacedEnvelope } from '@edr/testing';
import { z } from 'zod';
import { MessageCatalog, createMessageCatalog } from './message-catalog.js';
import { defineMessage } from './message-definition.js';
import { OrderPlaced } from './order/order-placed.event.js';
import { parseEvent } from './validate.js';

// A v2 of OrderPlaced as a migration would add it: a required currency next to the v1 fields. Test fixture only;
// the production catalog has OrderPlaced at version 1.
const OrderPlacedV2 = defineMessage({
  ...OrderPlaced,
  schemaVersion: 2,
  payload: OrderPlaced.payload.extend({ currency: z.enum(['EUR', 'USD']) }),
});
const migrating = createMessageCatalog([...MessageCatalog.definitions, OrderPlacedV2]);

const orderPlaced = orderPlacedEnvelope;

describe('a catalog keyed by type and schema version', () => {
  test('reads v1 and v2 of one type side by side, each against its own schema', () => {
    const v1 = parseEvent(orderPlaced(1), migrating);
    const v2 = parseEvent(orderPlaced(2, { currency: 'EUR' }), migrating);
    expect(v1).toMatchObject({ ok: true, value: { schemaVersion: 1 } });
    expect(v1.ok && v1.value.payload).not.toHaveProperty('currency');
    expect(v2).toMatchObject({ ok: true, value: { schemaVersion: 2, payload: { currency: 'EUR' } } });
  });

  test('validates a v2 envelope against the v2 schema, not the v1 one', () => {
    const v2WithoutCurrency = parseEvent(orderPlaced(2), migrating);
    expect(!v2WithoutCurrency.ok && v2WithoutCurrency.error).toMatch(
      /^invalid OrderPlaced v2 payload: currency/,
    );
  });

  test('knows both versions of the migrating type', () => {
    expect(migrating.versionsOf('OrderPlaced')).toEqual([1, 2]);
    expect(migrating.find('OrderPlaced', 2)).toBe(OrderPlacedV2);
    expect(migrating.find('OrderPlaced', 1)).toBe(OrderPlaced);
    expect(migrating.types().filter((type) => type === 'OrderPlaced')).toHaveLength(1);
  });

  test('an unknown version is an error naming the versions the catalog has', () => {
    expect(parseEvent(orderPlaced(3, { currency: 'EUR' }), migrating)).toEqual({
      ok: false,
      error: 'unsupported schemaVersion 3 for OrderPlaced (known versions: 1, 2)',
    });
    expect(parseEvent(orderPlaced(2, { currency: 'EUR' }))).toEqual({
      ok: false,
      error: 'unsupported schemaVersion 2 for OrderPlaced (known versions: 1)',
    });
  });

  test('refuses two definitions of one type and version', () => {
    expect(() => createMessageCatalog([OrderPlaced, { ...OrderPlaced }])).toThrow(
      'OrderPlaced v1 is defined twice',
    );
  });
});
