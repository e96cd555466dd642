import { describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import type { DataSource, EntityManager } from 'typeorm';
import { AggregateTypes, AuthorizePayment, DlqHeaders, Topics } from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import { consumeMessage } from './consume-message.js';
import type { RawRecord } from './decode-record.js';
import { HandlerMap } from './handler-map.js';
import { UnprocessableMessageError } from './retry-policy.js';

const orderId = randomUUID();
const command = buildMessage(AuthorizePayment, {
  aggregateType: AggregateTypes.order,
  aggregateId: orderId,
  payload: { orderId, customerId: 'c-1', amount: 42.5, attempt: 1 },
  correlationId: randomUUID(),
  causationId: null,
});
const record: RawRecord = {
  topic: Topics.paymentCommands,
  partition: 2,
  offset: '41',
  key: Buffer.from(orderId),
  value: Buffer.from(JSON.stringify(command)),
  headers: { id: Buffer.from(command.eventId), correlationId: Buffer.from(command.correlationId) },
};

interface SentRecord {
  topic: string;
  acks: number;
  messages: { key: unknown; value: unknown; headers: Record<string, string | Buffer> }[];
}

/** Records what it is asked to send; `fail` makes every send reject, as when the broker is unreachable. */
function fakeProducer(fail?: Error) {
  const sent: SentRecord[] = [];
  const producer = {
    send: async (message: SentRecord) => {
      if (fail) throw fail;
      sent.push(message);
      return [];
    },
  };
  return { producer: producer as unknown as Producer, sent };
}

const newMessages = {
  transaction: async (work: (tx: EntityManager) => Promise<unknown>) =>
    work({ query: async () => [{ message_id: 'x' }] } as unknown as EntityManager),
} as unknown as DataSource;

const policy = { maxAttempts: 4, initialBackoffMs: 100, maxBackoffMs: 250 };

function run(handler: () => Promise<void>, producer: Producer, delays: number[] = []) {
  return consumeMessage(
    record,
    {
      dataSource: newMessages,
      producer,
      consumerGroup: 'payment-service',
      retry: policy,
      sleep: async (ms) => {
        delays.push(ms);
      },
    },
    HandlerMap.create().on(AuthorizePayment, handler),
  );
}

describe('retries with backoff, then the dead-letter topic', () => {
  test('a handler that keeps failing runs maxAttempts times, waiting longer each time, then is dead-lettered', async () => {
    const { producer, sent } = fakeProducer();
    const delays: number[] = [];
    const handler = jest.fn(async () => {
      throw new Error('database went away');
    });

    await expect(run(handler, producer, delays)).resolves.toBe('dead-lettered');

    expect(handler).toHaveBeenCalledTimes(4);
    // Exponential (100, 200, then capped at 250), each within ±20 % jitter.
    expect(delays).toHaveLength(3);
    [100, 200, 250].forEach((base, i) => {
      expect(delays[i]).toBeGreaterThanOrEqual(base * 0.8);
      expect(delays[i]).toBeLessThanOrEqual(base * 1.2);
    });
    expect(sent).toHaveLength(1);
    const [dead] = sent;
    expect(dead?.topic).toBe(`${Topics.paymentCommands}.dlq`);
    expect(dead?.acks).toBe(-1);
    const message = dead!.messages[0]!;
    // The record as it arrived, plus why and where from.
    expect(message.key).toEqual(record.key);
    expect(message.value).toEqual(record.value);
    expect(message.headers).toMatchObject({
      id: Buffer.from(command.eventId),
      correlationId: Buffer.from(command.correlationId),
      [DlqHeaders.error]: 'Error: database went away',
      [DlqHeaders.originalTopic]: Topics.paymentCommands,
      [DlqHeaders.originalPartition]: '2',
      [DlqHeaders.originalOffset]: '41',
      [DlqHeaders.consumerGroup]: 'payment-service',
      [DlqHeaders.attempts]: '4',
    });
    expect(Date.parse(String(message.headers[DlqHeaders.failedAt]))).not.toBeNaN();
  });

  test('a handler that recovers within maxAttempts is processed, and nothing is dead-lettered', async () => {
    const { producer, sent } = fakeProducer();
    const delays: number[] = [];
    let failures = 2;
    const handler = jest.fn(async () => {
      if (failures-- > 0) throw new Error('transient');
    });
    await expect(run(handler, producer, delays)).resolves.toBe('processed');
    expect(handler).toHaveBeenCalledTimes(3);
    expect(delays).toHaveLength(2);
    expect(sent).toEqual([]);
  });

  test('a permanent error (UnprocessableMessageError) is dead-lettered at once, without a retry', async () => {
    const { producer, sent } = fakeProducer();
    const delays: number[] = [];
    const handler = jest.fn(async () => {
      throw new UnprocessableMessageError('contradicts the contract');
    });
    await expect(run(handler, producer, delays)).resolves.toBe('dead-lettered');
    expect(handler).toHaveBeenCalledTimes(1);
    expect(delays).toEqual([]);
    expect(sent[0]?.messages[0]?.headers).toMatchObject({
      [DlqHeaders.error]: 'UnprocessableMessageError: contradicts the contract',
      [DlqHeaders.attempts]: '1',
    });
  });

  test('when the dead letter cannot be written, the error is rethrown so Kafka redelivers the record', async () => {
    const brokerDown = new Error('broker unreachable');
    const { producer } = fakeProducer(brokerDown);
    const handler = async () => {
      throw new UnprocessableMessageError('never');
    };
    await expect(run(handler, producer)).rejects.toBe(brokerDown);
  });
});
