import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import pg from 'pg';
import {
  AggregateTypes,
  CancelShipment,
  DlqHeaders,
  type EventEnvelope,
  ScheduleShipment,
  Topics,
  dlqTopicFor,
} from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import { type RunningService, header, infra, kafka, recordTap, startService, waitFor } from '@edr/testing';
import { trackingNumberFor } from './carrier/tracking-number.js';

// Runs against the real infrastructure and the built service: `npx tsc -b apps/shipping-service` first.
jest.setTimeout(90_000);

type Tap = Awaited<ReturnType<typeof recordTap>>;
type Reply = {
  type: string | undefined;
  eventId: string;
  payload: Record<string, any>;
  message: KafkaMessage;
};

const databaseUrl = infra.databaseUrl('shipping');

const startShipping = (env: Record<string, string> = {}) =>
  startService({
    name: 'shipping-service',
    port: 4104,
    env: {
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: infra.kafkaBrokers.join(','),
      LOG_LEVEL: 'warn',
      CONSUMER_BACKOFF_MS: '20',
      // Small, so the injected-error test reaches the DLQ quickly; no other test relies on retries.
      CONSUMER_MAX_ATTEMPTS: '2',
      ...env,
    },
  });

const scheduleCommand = (orderId: string, { country = 'DE', attempt = 1 } = {}) =>
  buildMessage(ScheduleShipment, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    correlationId: `it-${randomUUID()}`,
    causationId: null,
    payload: {
      orderId,
      shippingAddress: { line1: '1 Main St', city: 'Somewhere', postalCode: '12345', country },
      items: [
        { sku: 'BOOK-001', quantity: 2 },
        { sku: 'MUG-042', quantity: 1 },
      ],
      attempt,
    },
  });

const cancelCommand = (orderId: string, attempt = 1) =>
  buildMessage(CancelShipment, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    correlationId: `it-${randomUUID()}`,
    causationId: null,
    payload: { orderId, attempt },
  });

describe('shipping-service (real Postgres, Kafka, Debezium)', () => {
  let shipping: RunningService;
  let events: Tap;
  let deadLetters: Tap;
  let producer: Producer;
  let db: pg.Pool;

  /** Produces a command as the orchestrator's outbox would: keyed by order id, with the router's headers. */
  async function send(command: EventEnvelope, partition?: number) {
    const [sent] = await producer.send({
      topic: Topics.shippingCommands,
      messages: [
        {
          key: command.aggregateId,
          value: JSON.stringify(command),
          headers: { id: command.eventId, eventType: command.type, correlationId: command.correlationId },
          partition,
        },
      ],
    });
    return sent!;
  }

  const toReply = (message: KafkaMessage): Reply => {
    const envelope = JSON.parse(message.value!.toString()) as EventEnvelope<Record<string, any>>;
    return {
      type: header(message, 'eventType'),
      eventId: envelope.eventId,
      payload: envelope.payload,
      message,
    };
  };

  const replyTo = async (command: EventEnvelope, timeoutMs?: number) =>
    toReply(
      await events.find(
        (m) => header(m, 'causationId') === command.eventId,
        `the reply to ${command.type} ${command.eventId}`,
        timeoutMs,
      ),
    );

  const repliesFor = (orderId: string) =>
    events.records.filter((m) => m.key?.toString() === orderId).map(toReply);

  const getShipment = async (orderId: string) => {
    const response = await fetch(`${shipping.url}/shipments/${orderId}`);
    return { status: response.status, body: (await response.json()) as Record<string, any> };
  };

  const putFaults = (body: unknown) =>
    fetch(`${shipping.url}/admin/faults`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
  const resetFaults = () => fetch(`${shipping.url}/admin/faults`, { method: 'DELETE' });

  beforeAll(async () => {
    db = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    // The service creates its topics at boot, so it starts before the taps subscribe to them.
    shipping = await startShipping();
    [events, deadLetters] = await Promise.all([
      recordTap(Topics.shippingEvents),
      recordTap(dlqTopicFor(Topics.shippingCommands)),
    ]);
    producer = kafka.producer();
    await producer.connect();
  });

  afterAll(async () => {
    await Promise.allSettled([events?.stop(), deadLetters?.stop(), producer?.disconnect(), db?.end()]);
    await shipping?.stop();
  });

  test('schedules a shipment with SimPost and a tracking number derived from the shipment id', async () => {
    const orderId = randomUUID();
    const command = scheduleCommand(orderId);
    await send(command);

    const reply = await replyTo(command);
    expect(reply.type).toBe('ShipmentScheduled');
    const shipmentId = reply.payload.shipmentId as string;
    expect(reply.payload).toEqual({
      orderId,
      shipmentId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      carrier: 'SimPost',
      trackingNumber: trackingNumberFor(shipmentId),
    });
    expect(reply.message.key?.toString()).toBe(orderId);
    expect(header(reply.message, 'correlationId')).toBe(command.correlationId);

    const shipment = await getShipment(orderId);
    expect(shipment.status).toBe(200);
    expect(shipment.body).toMatchObject({
      orderId,
      shipmentId,
      status: 'SCHEDULED',
      carrier: 'SimPost',
      trackingNumber: trackingNumberFor(shipmentId),
      country: 'DE',
      address: command.payload.shippingAddress,
      items: command.payload.items,
      failureCode: null,
      cancelledAt: null,
    });
    expect(shipment.body.scheduledAt).toEqual(expect.any(String));
  });

  test('refuses AQ with UNSUPPORTED_DESTINATION, repeats that on retry, and a cancel finds nothing to undo', async () => {
    const orderId = randomUUID();
    const first = scheduleCommand(orderId, { country: 'AQ' });
    await send(first);
    const refused = await replyTo(first);
    expect(refused.type).toBe('ShipmentFailed');
    expect(refused.payload).toEqual({
      orderId,
      code: 'UNSUPPORTED_DESTINATION',
      detail: expect.stringContaining('AQ (Antarctica)'),
    });

    const retry = scheduleCommand(orderId, { country: 'AQ', attempt: 2 });
    await send(retry);
    expect((await replyTo(retry)).payload).toEqual(refused.payload);

    const cancel = cancelCommand(orderId);
    await send(cancel);
    const cancelled = await replyTo(cancel);
    expect(cancelled.type).toBe('ShipmentCancelled');
    expect(cancelled.payload).toEqual({ orderId, shipmentId: null });
    expect((await getShipment(orderId)).body).toMatchObject({
      status: 'FAILED',
      failureCode: 'UNSUPPORTED_DESTINATION',
      country: 'AQ',
      shipmentId: null,
    });
  });

  test('the same record delivered twice is applied once and answered once', async () => {
    const orderId = randomUUID();
    const command = scheduleCommand(orderId);
    await send(command);
    await send(command);
    // Same key, same partition: once the marker is answered, both copies have been handled.
    const marker = cancelCommand(orderId);
    await send(marker);
    await replyTo(marker);

    expect(repliesFor(orderId).map((r) => r.type)).toEqual(['ShipmentScheduled', 'ShipmentCancelled']);
    const inbox = await db.query('SELECT 1 FROM inbox WHERE message_id = $1', [command.eventId]);
    expect(inbox.rowCount).toBe(1);
  });

  test('a retried ScheduleShipment with a new message id re-sends the recorded outcome and books nothing', async () => {
    const orderId = randomUUID();
    const first = scheduleCommand(orderId);
    await send(first);
    const original = await replyTo(first);

    const retry = { ...scheduleCommand(orderId, { attempt: 2 }), correlationId: first.correlationId };
    await send(retry);
    const replayed = await replyTo(retry);

    expect(replayed.type).toBe('ShipmentScheduled');
    expect(replayed.payload).toEqual(original.payload);
    expect(replayed.eventId).not.toBe(original.eventId);
    const rows = await db.query('SELECT shipment_id FROM shipments WHERE order_id = $1', [orderId]);
    expect(rows.rows).toEqual([{ shipment_id: original.payload.shipmentId }]);
  });

  test('cancelling a scheduled shipment twice cancels it once and answers both times', async () => {
    const orderId = randomUUID();
    const schedule = scheduleCommand(orderId);
    await send(schedule);
    const { shipmentId } = (await replyTo(schedule)).payload;

    const firstCancel = cancelCommand(orderId);
    await send(firstCancel);
    expect((await replyTo(firstCancel)).payload).toEqual({ orderId, shipmentId });
    const afterFirst = (await getShipment(orderId)).body;
    expect(afterFirst).toMatchObject({ status: 'CANCELLED', shipmentId, cancelledAt: expect.any(String) });

    const secondCancel = cancelCommand(orderId, 2);
    await send(secondCancel);
    expect((await replyTo(secondCancel)).payload).toEqual({ orderId, shipmentId });
    const afterSecond = (await getShipment(orderId)).body;
    expect(afterSecond.cancelledAt).toBe(afterFirst.cancelledAt);
    expect(afterSecond.updatedAt).toBe(afterFirst.updatedAt);
    expect(repliesFor(orderId).filter((r) => r.type === 'ShipmentCancelled')).toHaveLength(2);
  });

  test('a cancel that overtakes its schedule leaves a tombstone; the late schedule gets ALREADY_COMPENSATED', async () => {
    const orderId = randomUUID();
    const cancel = cancelCommand(orderId);
    await send(cancel);
    expect((await replyTo(cancel)).payload).toEqual({ orderId, shipmentId: null });
    expect((await getShipment(orderId)).body).toMatchObject({ status: 'CANCELLED', shipmentId: null });

    const lateSchedule = scheduleCommand(orderId);
    await send(lateSchedule);
    const refused = await replyTo(lateSchedule);
    expect(refused.type).toBe('ShipmentFailed');
    expect(refused.payload).toMatchObject({ orderId, code: 'ALREADY_COMPENSATED' });
    expect((await getShipment(orderId)).body).toMatchObject({
      status: 'CANCELLED',
      shipmentId: null,
      trackingNumber: null,
    });
  });

  test('HTTP: malformed order ids are a 400 naming the field, unknown ones a 404; the carrier lists its refusals', async () => {
    const malformed = await getShipment('not-a-uuid');
    expect(malformed.status).toBe(400);
    expect(malformed.body).toMatchObject({ errors: [{ field: 'orderId' }] });
    expect((await getShipment(randomUUID())).status).toBe(404);

    const response = await fetch(`${shipping.url}/carrier/destinations/unsupported`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as { carrier: string; destinations: Array<{ country: string }> };
    expect(body.carrier).toBe('SimPost');
    expect(body.destinations.map((d) => d.country)).toEqual(['AQ', 'BV', 'HM', 'UM']);
  });

  test('PUT /admin/faults declineProbability 1 fails shipments with INJECTED_FAILURE until DELETE', async () => {
    const put = await putFaults({ declineProbability: 1 });
    expect(put.status).toBe(200);
    expect(await put.json()).toMatchObject({ declineProbability: 1 });
    try {
      const orderId = randomUUID();
      const command = scheduleCommand(orderId);
      await send(command);
      const reply = await replyTo(command);
      expect(reply.type).toBe('ShipmentFailed');
      expect(reply.payload).toMatchObject({ orderId, code: 'INJECTED_FAILURE' });
    } finally {
      const reset = await resetFaults();
      expect(await reset.json()).toMatchObject({ declineProbability: 0 });
    }
    const command = scheduleCommand(randomUUID());
    await send(command);
    expect((await replyTo(command)).type).toBe('ShipmentScheduled');
  });

  test('an injected transient error exhausts the retries, the record goes to the DLQ and the partition moves on', async () => {
    const orderId = randomUUID();
    const poisoned = scheduleCommand(orderId);
    expect((await putFaults({ errorProbability: 1 })).status).toBe(200);
    let partition: number | undefined;
    try {
      partition = (await send(poisoned)).partition;
      const dead = await deadLetters.find((m) => m.key?.toString() === orderId, 'the command in the DLQ');
      expect(header(dead, DlqHeaders.error)).toMatch(/InjectedTransientError/);
      expect(header(dead, DlqHeaders.attempts)).toBe('2');
      expect(header(dead, DlqHeaders.originalTopic)).toBe(Topics.shippingCommands);
      expect(header(dead, 'id')).toBe(poisoned.eventId);
      expect(JSON.parse(dead.value!.toString())).toMatchObject({ eventId: poisoned.eventId });
    } finally {
      await resetFaults();
    }

    const next = scheduleCommand(randomUUID());
    await send(next, partition);
    expect((await replyTo(next)).type).toBe('ShipmentScheduled');
    expect(repliesFor(orderId)).toHaveLength(0);
    expect((await getShipment(orderId)).status).toBe(404);
  });

  test('a crash after N messages (SIGKILL) loses nothing and answers each command exactly once after restart', async () => {
    await shipping.stop();
    shipping = await startShipping({ FAULT_CRASH_AFTER_MESSAGES: '1' });
    const crashing = shipping;
    const orders = [randomUUID(), randomUUID()];
    const commands = orders.map((orderId) => scheduleCommand(orderId));
    for (const command of commands) await send(command);

    const signal = await waitFor(
      'the service to kill itself',
      async () => crashing.process.signalCode ?? undefined,
    );
    expect(signal).toBe('SIGKILL');

    // The dead member holds its partitions until its session times out (30 s), hence the long waits.
    shipping = await startShipping();
    const replies = await Promise.all(commands.map((command) => replyTo(command, 60_000)));
    expect(replies.map((r) => r.type)).toEqual(['ShipmentScheduled', 'ShipmentScheduled']);

    // Markers on the same keys: once answered, any redelivery of the commands before them has been handled.
    const markers = orders.map((orderId) => cancelCommand(orderId));
    for (const marker of markers) await send(marker);
    await Promise.all(markers.map((marker) => replyTo(marker)));
    for (const orderId of orders) {
      expect(repliesFor(orderId).map((r) => r.type)).toEqual(['ShipmentScheduled', 'ShipmentCancelled']);
    }
  });
});
