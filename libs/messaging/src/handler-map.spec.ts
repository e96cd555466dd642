import { describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import {
  AggregateTypes,
  AuthorizePayment,
  DlqHeaders,
  type EventEnvelope,
  OrderPlaced,
  RefundPayment,
  Topics,
} from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import { consumeMessage } from './consume-message.js';
import type { RawRecord } from './decode-record.js';
import { HandlerMap } from './handler-map.js';

const orderId = randomUUID();
const authorize = buildMessage(AuthorizePayment, {
  aggregateType: AggregateTypes.order,
  aggregateId: orderId,
  payload: { orderId, customerId: 'c-1', amount: 42.5, attempt: 1 },
  correlationId: randomUUID(),
  causationId: null,
});

const recordOf = (envelope: object, offset = '7'): RawRecord => ({
  topic: Topics.paymentCommands,
  partition: 0,
  offset,
  key: orderId,
  value: Buffer.from(JSON.stringify(envelope)),
  headers: 'eventId' in envelope ? { id: Buffer.from(String(envelope.eventId)) } : {},
});

/** A DataSource whose transactions log what happens in them; the inbox insert reports a new message unless told. */
function fakeDatabase(log: string[], options: { duplicate?: boolean } = {}) {
  const tx = {
    query: async (sql: string) => {
      if (sql.includes('INSERT INTO inbox')) {
        log.push('inbox');
        return options.duplicate ? [] : [{ message_id: 'x' }];
      }
      return [];
    },
  };
  const dataSource = {
    transaction: async (work: (manager: EntityManager) => Promise<unknown>) => {
      log.push('begin');
      const result = await work(tx as unknown as EntityManager);
      log.push('commit');
      return result;
    },
  };
  return dataSource as unknown as DataSource;
}

const fakeProducer = () => {
  const send = jest.fn(async (_record: unknown) => []);
  return { producer: { send } as unknown as Producer, send };
};

const deps = (log: string[], producer: Producer, extra: { duplicate?: boolean } = {}) => ({
  dataSource: fakeDatabase(log, extra),
  producer,
  consumerGroup: 'payment-service',
  retry: { maxAttempts: 3, initialBackoffMs: 1, maxBackoffMs: 1 },
  sleep: async () => undefined,
  beforeMessage: async () => {
    log.push('hook');
  },
});

const dlqHeader = (send: ReturnType<typeof fakeProducer>['send'], name: string): string | undefined => {
  const [record] = send.mock.calls[0] as [{ messages: { headers: Record<string, string> }[] }];
  return record.messages[0]?.headers[name];
};

describe('HandlerMap', () => {
  test('routes each message to the handler of its type, with the payload typed and validated', async () => {
    const log: string[] = [];
    const seen: { amount: number; customerId: string }[] = [];
    const refund = jest.fn(async () => undefined);
    const handlers = HandlerMap.create()
      .on(AuthorizePayment, async (command) => {
        log.push('handler');
        // Typed by the definition: no cast, and `amount` is a number.
        seen.push({ amount: command.payload.amount, customerId: command.payload.customerId });
        expect(command.envelope.payload).toEqual(command.payload);
      })
      .on(RefundPayment, refund);
    const { producer, send } = fakeProducer();

    await expect(consumeMessage(recordOf(authorize), deps(log, producer), handlers)).resolves.toBe(
      'processed',
    );
    expect(seen).toEqual([{ amount: 42.5, customerId: 'c-1' }]);
    expect(refund).not.toHaveBeenCalled();
    expect(send).not.toHaveBeenCalled();
  });

  test('a valid catalog message whose type is not in the map is dead-lettered at once as unprocessable', async () => {
    const log: string[] = [];
    const handler = jest.fn(async () => undefined);
    const placed = buildMessage(OrderPlaced, {
      aggregateType: AggregateTypes.order,
      aggregateId: orderId,
      payload: {
        orderId,
        customerId: 'c-1',
        items: [{ sku: 'BOOK-001', quantity: 1, unitPrice: 5 }],
        total: 5,
        shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
        placedAt: new Date().toISOString(),
      },
      correlationId: randomUUID(),
      causationId: null,
    });
    const { producer, send } = fakeProducer();

    const outcome = await consumeMessage(
      recordOf(placed),
      deps(log, producer),
      HandlerMap.create().on(AuthorizePayment, handler),
    );

    expect(outcome).toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(log).toEqual([]); // no transaction, no hook
    expect(send).toHaveBeenCalledTimes(1);
    expect(dlqHeader(send, DlqHeaders.error)).toMatch(/^UnprocessableMessageError: .*OrderPlaced v1/);
    expect(dlqHeader(send, DlqHeaders.attempts)).toBe('1');
  });

  test('the hook runs before each new message, inside its transaction; a duplicate runs neither', async () => {
    const log: string[] = [];
    const handlers = HandlerMap.create().on(AuthorizePayment, async () => {
      log.push('handler');
    });
    const { producer } = fakeProducer();

    await consumeMessage(recordOf(authorize, '1'), deps(log, producer), handlers);
    await consumeMessage(
      recordOf({ ...authorize, eventId: randomUUID() }, '2'),
      deps(log, producer),
      handlers,
    );
    expect(log).toEqual([
      ...['begin', 'inbox', 'hook', 'handler', 'commit'],
      ...['begin', 'inbox', 'hook', 'handler', 'commit'],
    ]);

    log.length = 0;
    const again = await consumeMessage(
      recordOf(authorize),
      deps(log, producer, { duplicate: true }),
      handlers,
    );
    expect(again).toBe('duplicate');
    expect(log).toEqual(['begin', 'inbox', 'commit']);
  });

  test('a failing hook is retried like a handler error, and the handler runs only after it passes', async () => {
    const log: string[] = [];
    let failures = 1;
    const { producer } = fakeProducer();
    const handlers = HandlerMap.create().on(AuthorizePayment, async () => {
      log.push('handler');
    });
    const outcome = await consumeMessage(
      recordOf(authorize),
      {
        ...deps(log, producer),
        beforeMessage: async () => {
          log.push('hook');
          if (failures-- > 0) throw new Error('injected');
        },
      },
      handlers,
    );
    expect(outcome).toBe('processed');
    expect(log).toEqual(['begin', 'inbox', 'hook', 'begin', 'inbox', 'hook', 'handler', 'commit']);
  });

  test('a payload that does not match the definition is dead-lettered at once, naming the field', async () => {
    const log: string[] = [];
    const handler = jest.fn(async () => undefined);
    const { producer, send } = fakeProducer();
    const invalid: EventEnvelope = { ...authorize, payload: { ...authorize.payload, amount: -1 } };

    const outcome = await consumeMessage(
      recordOf(invalid),
      deps(log, producer),
      HandlerMap.create().on(AuthorizePayment, handler),
    );
    expect(outcome).toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(dlqHeader(send, DlqHeaders.error)).toMatch(/^invalid AuthorizePayment payload: amount:/);
  });

  test('routes by schema version: a version the map does not take is not handled', async () => {
    const handler = jest.fn(async () => undefined);
    const { producer, send } = fakeProducer();
    const outcome = await consumeMessage(
      recordOf({ ...authorize, schemaVersion: 2 }),
      deps([], producer),
      HandlerMap.create().on(AuthorizePayment, handler),
    );
    expect(outcome).toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
    expect(dlqHeader(send, DlqHeaders.error)).toMatch(/schemaVersion 2 for AuthorizePayment/);
  });

  test('ignored types are validated and recorded in the inbox, and do nothing else', async () => {
    const log: string[] = [];
    const { producer, send } = fakeProducer();
    const handlers = HandlerMap.create().ignore(AuthorizePayment);
    await expect(consumeMessage(recordOf(authorize), deps(log, producer), handlers)).resolves.toBe(
      'processed',
    );
    expect(log).toEqual(['begin', 'inbox', 'hook', 'commit']);
    expect(send).not.toHaveBeenCalled();
  });

  test('a type registered twice is a programming error, reported when the map is built', () => {
    const handler = async () => undefined;
    expect(() => HandlerMap.create().on(AuthorizePayment, handler).on(AuthorizePayment, handler)).toThrow(
      /AuthorizePayment@v1 has two handlers/,
    );
    expect(HandlerMap.create().on(AuthorizePayment, handler).types()).toEqual(['AuthorizePayment@v1']);
  });

  test('HandlerMap.all runs every map that takes a type, in order, in one transaction; the others are skipped', async () => {
    const log: string[] = [];
    const { producer, send } = fakeProducer();
    const first = HandlerMap.create().on(AuthorizePayment, async () => void log.push('first'));
    const second = HandlerMap.create()
      .on(AuthorizePayment, async () => void log.push('second'))
      .on(RefundPayment, async () => void log.push('refund'));
    const both = HandlerMap.all(first, second);
    expect(both.types().sort()).toEqual(['AuthorizePayment@v1', 'RefundPayment@v1']);
    await expect(consumeMessage(recordOf(authorize), deps(log, producer), both)).resolves.toBe('processed');
    expect(log).toEqual(['begin', 'inbox', 'hook', 'first', 'second', 'commit']);
    expect(send).not.toHaveBeenCalled();
  });

  test('HandlerMap.all refuses a payload that one of its maps refuses, before any handler runs', async () => {
    const handler = jest.fn(async () => undefined);
    const { producer } = fakeProducer();
    const both = HandlerMap.all(HandlerMap.create().on(AuthorizePayment, handler), HandlerMap.create());
    const invalid = { ...authorize, payload: { ...authorize.payload, amount: -1 } };
    await expect(consumeMessage(recordOf(invalid), deps([], producer), both)).resolves.toBe('dead-lettered');
    expect(handler).not.toHaveBeenCalled();
  });
});
