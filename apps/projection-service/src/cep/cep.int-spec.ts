import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import type { KafkaMessage, Producer } from 'kafkajs';
import {
  AggregateTypes,
  CustomerFlagCleared,
  CustomerFlagged,
  type EventEnvelope,
  type MessageDefinition,
  MessageHeaders,
  OrderApproved,
  OrderLabelOverdue,
  OrderPlaced,
  PaymentDeclined,
  type PaymentDeclinedPayload,
  ShippingLabelRendered,
  Topics,
} from '@edr/contracts';
import { buildMessage } from '@edr/outbox';
import { join } from 'node:path';
import {
  type RunningService,
  header,
  infra,
  kafka,
  queryDb,
  recordTap,
  repoRoot,
  serviceDatabaseUrl,
  startApp,
  startService,
  testPorts,
  waitFor,
} from '@edr/testing';

jest.setTimeout(180_000);

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
/** The label SLA in this suite: long enough that a label sent right after its approval is never late by accident. */
const LABEL_SLA_MS = 4_000;

const env = {
  PROJECTION_DECLINES_THRESHOLD: '3',
  PROJECTION_DECLINES_WINDOW_MS: String(10 * MINUTE),
  PROJECTION_LABEL_SLA_MS: String(LABEL_SLA_MS),
  PROJECTION_CEP_BACKSTOP_MS: '1000',
};

type Tap = Awaited<ReturnType<typeof recordTap>>;

const newCustomer = () => `cep-${randomUUID().slice(0, 8)}`;

const decline = (
  customerId: string,
  occurredAt: Date,
  code: PaymentDeclinedPayload['code'] = 'CREDIT_LIMIT_EXCEEDED',
  orderId: string = randomUUID(),
) =>
  buildMessage(PaymentDeclined, {
    aggregateType: AggregateTypes.payment,
    aggregateId: orderId,
    payload: { orderId, customerId, amount: 25, code, detail: 'cep test' },
    correlationId: `cep-test-${randomUUID()}`,
    causationId: null,
    occurredAt,
  });

const placed = (orderId: string, occurredAt: Date) =>
  buildMessage(OrderPlaced, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    payload: {
      orderId,
      customerId: newCustomer(),
      items: [{ sku: 'CEP-1', quantity: 1, unitPrice: 5 }],
      shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
      total: 5,
      placedAt: occurredAt.toISOString(),
    },
    correlationId: `cep-test-${orderId}`,
    causationId: null,
    occurredAt,
  });

const approved = (orderId: string, occurredAt: Date) =>
  buildMessage(OrderApproved, {
    aggregateType: AggregateTypes.order,
    aggregateId: orderId,
    payload: { orderId },
    correlationId: `cep-test-${orderId}`,
    causationId: null,
    occurredAt,
  });

const labelRendered = (orderId: string, occurredAt: Date) =>
  buildMessage(ShippingLabelRendered, {
    aggregateType: AggregateTypes.shipping,
    aggregateId: orderId,
    payload: {
      orderId,
      shipmentId: randomUUID(),
      taskId: randomUUID(),
      trackingNumber: `CEP${Date.now()}`,
      workerId: 'cep-test',
      renderedAt: occurredAt.toISOString(),
    },
    correlationId: `cep-test-${orderId}`,
    causationId: null,
    occurredAt,
  });

const payloadOf = (message: KafkaMessage) =>
  (JSON.parse(message.value!.toString()) as EventEnvelope<Record<string, unknown>>).payload;

describe('complex event processing (projection-service on real Postgres, Kafka, Connect)', () => {
  let projection: RunningService;
  let producer: Producer;
  let emitted: Tap;

  const start = async () => {
    projection = await startApp('projection', env);
  };
  /** A second instance beside the first, as a Deployment of two runs it: same database and group, its own port. */
  const startSecond = () =>
    startService({
      name: 'projection-service',
      port: testPorts.projection + 100,
      logFile: join(repoRoot, '.infra', 'logs', 'projection-service-2.log'),
      env: {
        DATABASE_URL: serviceDatabaseUrl('projection'),
        KAFKA_BROKERS: infra.kafkaBrokers.join(','),
        LOG_LEVEL: 'warn',
        ...env,
      },
    });

  /** Produces envelopes as their services' Debezium routers would: keyed by aggregate id, id and type in headers. */
  const send = async (topic: string, ...envelopes: EventEnvelope<object>[]) => {
    await producer.send({
      topic,
      messages: envelopes.map((e) => ({
        key: e.aggregateId,
        value: JSON.stringify(e),
        headers: { [MessageHeaders.eventId]: e.eventId, [MessageHeaders.eventType]: e.type },
      })),
    });
  };

  /** Resolves when projection-service has applied (and committed) every one of the events. */
  const applied = (...envelopes: EventEnvelope<object>[]) =>
    Promise.all(
      envelopes.map((e) =>
        waitFor(`${e.type} ${e.eventId} applied by projection-service`, async () =>
          (await queryDb('projection', 'SELECT 1 FROM inbox WHERE message_id = $1', [e.eventId])).length > 0
            ? true
            : undefined,
        ),
      ),
    );

  /** What the rule fired for this key, from its log (written in the transaction that wrote the outbox). */
  const firings = (rule: string, key: string) =>
    queryDb<{ event_id: string; type: string; payload: Record<string, unknown> }>(
      'projection',
      `SELECT event_id, type, payload FROM cep_firings WHERE rule = $1 AND key = $2 ORDER BY fired_at`,
      [rule, key],
    );

  /** The records of `definition` on projection.events whose payload names `key` in `field`. */
  const published = (definition: MessageDefinition, field: string, key: string) =>
    emitted.records.filter(
      (m) => header(m, MessageHeaders.eventType) === definition.type && payloadOf(m)[field] === key,
    );

  const nextPublished = (definition: MessageDefinition, field: string, key: string, count = 1) =>
    waitFor(
      `${count} ${definition.type} for ${key} on ${Topics.projectionEvents}`,
      async () => {
        const found = published(definition, field, key);
        return found.length >= count ? found : undefined;
      },
      30_000,
      50,
    );

  /** Time for Debezium to deliver anything a committed transaction wrote, before asserting that nothing more came. */
  const settle = () => new Promise((r) => setTimeout(r, 2_000));

  const clearFlag = (customerId: string, body: unknown) =>
    fetch(`${projection.url}/customers/${customerId}/clear-flag`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  beforeAll(async () => {
    producer = kafka.producer();
    await producer.connect();
    // projection-service creates projection.events at its start.
    await start();
    emitted = await recordTap(Topics.projectionEvents);
  });

  afterAll(async () => {
    await Promise.allSettled([emitted?.stop(), producer?.disconnect()]);
    await projection?.stop();
  });

  describe('repeated-payment-declines (3 declines of one customer within 10 minutes, event time)', () => {
    const rule = 'repeated-payment-declines';
    const flagged = (customerId: string, count = 1) =>
      nextPublished(CustomerFlagged, 'customerId', customerId, count);
    const t = new Date(Date.now() - 30 * MINUTE);
    const plus = (minutes: number) => new Date(t.getTime() + minutes * MINUTE);
    const customerId = newCustomer();

    test('declines at t, t+4m and t+12m (outside) do not flag; a fourth at t+13m flags once, with the evidence', async () => {
      const [d0, d4, d12, d13] = [
        decline(customerId, plus(0)),
        decline(customerId, plus(4)),
        decline(customerId, plus(12)),
        decline(customerId, plus(13)),
      ];
      // Out of arrival order on purpose: event time decides.
      await send(Topics.paymentEvents, d12!, d0!, d4!);
      await applied(d12!, d0!, d4!);
      expect(await firings(rule, customerId)).toEqual([]);

      await send(Topics.paymentEvents, d13!);
      const [flag] = await flagged(customerId);
      expect(flag!.key?.toString()).toBe(customerId);
      const payload = payloadOf(flag!);
      expect(payload).toMatchObject({ customerId, rule, windowMs: 10 * MINUTE });
      expect(payload['evidence']).toEqual(
        [d4!, d12!, d13!].map((d) => ({
          eventId: d.eventId,
          type: 'PaymentDeclined',
          occurredAt: d.occurredAt,
        })),
      );
      const envelope = JSON.parse(flag!.value!.toString()) as EventEnvelope;
      expect(envelope).toMatchObject({
        aggregateType: 'projection',
        aggregateId: customerId,
        correlationId: d13!.correlationId,
        causationId: d13!.eventId,
      });

      const flags = (await (await fetch(`${projection.url}/cep/flags`)).json()) as {
        flags: Array<{ customerId: string; rule: string }>;
      };
      expect(flags.flags).toContainEqual(expect.objectContaining({ customerId, rule }));
      const feed = await queryDb<{ kind: string }>(
        'projection',
        `SELECT kind FROM view_changes WHERE view = 'cep' AND key = $1 ORDER BY seq`,
        [customerId],
      );
      expect(feed.map((f) => f.kind)).toEqual(['fired']);
    });

    test('while flagged, further declines are recorded but do not flag again; CUSTOMER_FLAGGED ones are not even recorded', async () => {
      const more = [
        decline(customerId, plus(14)),
        decline(customerId, plus(15)),
        decline(customerId, plus(15), 'CUSTOMER_FLAGGED'),
      ];
      await send(Topics.paymentEvents, ...more);
      await applied(...more);
      const recorded = await queryDb<{ event_id: string }>(
        'projection',
        `SELECT event_id FROM cep_occurrences WHERE rule = $1 AND key = $2`,
        [rule, customerId],
      );
      expect(recorded.map((r) => r.event_id)).toEqual(
        expect.arrayContaining([more[0]!.eventId, more[1]!.eventId]),
      );
      expect(recorded.map((r) => r.event_id)).not.toContain(more[2]!.eventId);
      expect(await firings(rule, customerId)).toHaveLength(1);
      await settle();
      expect(published(CustomerFlagged, 'customerId', customerId)).toHaveLength(1);
    });

    test('declines that say nothing about the customer never count: CUSTOMER_FLAGGED, ALREADY_COMPENSATED, the repeat of a retried order', async () => {
      const other = newCustomer();
      const now = Date.now();
      const at = (s: number) => new Date(now + s * SECOND);
      const retriedOrder = randomUUID();
      const declines = [
        decline(other, at(0), 'CUSTOMER_FLAGGED'),
        decline(other, at(1), 'ALREADY_COMPENSATED'),
        decline(other, at(2), 'CREDIT_LIMIT_EXCEEDED', retriedOrder),
        decline(other, at(3), 'CREDIT_LIMIT_EXCEEDED', retriedOrder),
        decline(other, at(4), 'INJECTED_FAILURE'),
      ];
      await send(Topics.paymentEvents, ...declines);
      await applied(...declines);
      expect(await firings(rule, other)).toEqual([]);

      const third = decline(other, at(5), 'CUSTOMER_UNKNOWN');
      await send(Topics.paymentEvents, third);
      const [flag] = await flagged(other);
      expect((payloadOf(flag!)['evidence'] as Array<{ eventId: string }>).map((e) => e.eventId)).toEqual([
        declines[2]!.eventId,
        declines[4]!.eventId,
        third.eventId,
      ]);
    });

    test('an operator clears the flag (CustomerFlagCleared); a second clear is a 409; only later declines count', async () => {
      const bad = await clearFlag(customerId, { clearedBy: '', note: 'x'.repeat(501) });
      expect(bad.status).toBe(400);
      const badBody = (await bad.json()) as { errors: Array<{ field: string }> };
      expect(badBody.errors.map((e) => e.field).sort()).toEqual(['clearedBy', 'note']);
      expect((await clearFlag('not a valid id!', { clearedBy: 'ops:ada' })).status).toBe(400);

      const cleared = await clearFlag(customerId, { clearedBy: 'ops:ada', note: 'called the customer' });
      expect(cleared.status).toBe(202);
      const result = (await cleared.json()) as { eventId: string; rules: string[] };
      expect(result.rules).toEqual([rule]);
      const [event] = await nextPublished(CustomerFlagCleared, 'customerId', customerId);
      expect(header(event!, MessageHeaders.eventId)).toBe(result.eventId);
      expect(event!.key?.toString()).toBe(customerId);
      expect(payloadOf(event!)).toMatchObject({
        customerId,
        clearedBy: 'ops:ada',
        note: 'called the customer',
      });

      const again = await clearFlag(customerId, { clearedBy: 'ops:ada' });
      expect(again.status).toBe(409);
      expect((await clearFlag(newCustomer(), { clearedBy: 'ops:ada' })).status).toBe(409);
      const state = (await (await fetch(`${projection.url}/cep/flags/${customerId}`)).json()) as {
        flagged: boolean;
        rules: Array<{ lastClear: { clearedBy: string } | null }>;
      };
      expect(state.flagged).toBe(false);
      expect(state.rules[0]!.lastClear).toMatchObject({ clearedBy: 'ops:ada' });

      // The declines before the clear (t+14m, t+15m, within 10 minutes of these) no longer count.
      const now = Date.now();
      const after = [decline(customerId, new Date(now)), decline(customerId, new Date(now + SECOND))];
      await send(Topics.paymentEvents, ...after);
      await applied(...after);
      expect(await firings(rule, customerId)).toHaveLength(1);

      const third = decline(customerId, new Date(now + 2 * SECOND));
      await send(Topics.paymentEvents, third);
      const [, second] = await flagged(customerId, 2);
      expect((payloadOf(second!)['evidence'] as Array<{ eventId: string }>).map((e) => e.eventId)).toEqual([
        after[0]!.eventId,
        after[1]!.eventId,
        third.eventId,
      ]);
      const feed = await queryDb<{ kind: string }>(
        'projection',
        `SELECT kind FROM view_changes WHERE view = 'cep' AND key = $1 ORDER BY seq`,
        [customerId],
      );
      expect(feed.map((f) => f.kind)).toEqual(['fired', 'cleared', 'fired']);
    });
  });

  describe(`label-sla (an APPROVED order's label within ${LABEL_SLA_MS} ms, event time)`, () => {
    const rule = 'label-sla';
    const overdue = (orderId: string) => nextPublished(OrderLabelOverdue, 'orderId', orderId);
    const timerOf = async (orderId: string) =>
      (
        await queryDb<{ status: string }>(
          'projection',
          `SELECT status FROM cep_timers WHERE rule = $1 AND key = $2`,
          [rule, orderId],
        )
      )[0]?.status;

    test('a label inside the deadline, after the approval or before it on another topic: no alert', async () => {
      const inTime = randomUUID();
      const approvedAt = new Date();
      const first = [placed(inTime, approvedAt), approved(inTime, approvedAt)];
      await send(Topics.orderEvents, ...first);
      const label = labelRendered(inTime, new Date(approvedAt.getTime() + SECOND));
      await send(Topics.shippingLabelEvents, label);

      const labelFirst = randomUUID();
      const early = labelRendered(labelFirst, new Date(approvedAt.getTime() + 500));
      await send(Topics.shippingLabelEvents, early);
      await applied(early);
      const second = [placed(labelFirst, approvedAt), approved(labelFirst, approvedAt)];
      await send(Topics.orderEvents, ...second);
      await applied(...first, label, ...second);

      expect(await timerOf(inTime)).toBe('SATISFIED');
      expect(await timerOf(labelFirst)).toBe('SATISFIED');
      // Past the deadline by the wall clock: the watcher has nothing to fire.
      await new Promise((r) => setTimeout(r, LABEL_SLA_MS + 1_000));
      expect(await firings(rule, inTime)).toEqual([]);
      expect(await firings(rule, labelFirst)).toEqual([]);
      expect(published(OrderLabelOverdue, 'orderId', inTime)).toEqual([]);
    });

    test('no label: OrderLabelOverdue when the deadline passes, with labelRenderedAt null', async () => {
      const orderId = randomUUID();
      const approvedAt = new Date();
      const events = [placed(orderId, approvedAt), approved(orderId, approvedAt)];
      await send(Topics.orderEvents, ...events);
      await applied(...events);
      expect(await timerOf(orderId)).toBe('PENDING');

      const [alert] = await overdue(orderId);
      const payload = payloadOf(alert!);
      const deadlineAt = new Date(approvedAt.getTime() + LABEL_SLA_MS).toISOString();
      expect(payload).toMatchObject({
        orderId,
        rule,
        approvedAt: approvedAt.toISOString(),
        deadlineAt,
        labelRenderedAt: null,
      });
      expect(Date.parse(payload['firedAt'] as string)).toBeGreaterThanOrEqual(Date.parse(deadlineAt));
      expect(Date.parse(payload['firedAt'] as string)).toBeLessThan(Date.parse(deadlineAt) + 5_000);
      expect(alert!.key?.toString()).toBe(orderId);
      expect(JSON.parse(alert!.value!.toString())).toMatchObject({
        correlationId: `cep-test-${orderId}`,
        causationId: events[1]!.eventId,
      });

      // A label that comes after the alert changes nothing.
      const late = labelRendered(orderId, new Date());
      await send(Topics.shippingLabelEvents, late);
      await applied(late);
      expect(await firings(rule, orderId)).toHaveLength(1);
    });

    test('a label whose event time is past the deadline: the alert at once, with labelRenderedAt', async () => {
      // The label arrives while the timer is pending (its service's clock runs ahead)...
      const pending = randomUUID();
      const approvedAt = new Date();
      const events = [placed(pending, approvedAt), approved(pending, approvedAt)];
      await send(Topics.orderEvents, ...events);
      await applied(...events);
      const lateLabelAt = new Date(approvedAt.getTime() + LABEL_SLA_MS + 5_000);
      const label = labelRendered(pending, lateLabelAt);
      await send(Topics.shippingLabelEvents, label);
      const [alert] = await overdue(pending);
      expect(payloadOf(alert!)).toMatchObject({
        orderId: pending,
        labelRenderedAt: lateLabelAt.toISOString(),
      });
      expect(Date.parse(payloadOf(alert!)['firedAt'] as string)).toBeLessThan(
        approvedAt.getTime() + LABEL_SLA_MS,
      );

      // ... or before the approval, on its own topic: the approval finds it and fires at once.
      const labelFirst = randomUUID();
      const oldApproval = new Date(Date.now() - 60 * SECOND);
      const early = labelRendered(labelFirst, new Date(oldApproval.getTime() + LABEL_SLA_MS + 1));
      await send(Topics.shippingLabelEvents, early);
      await applied(early);
      await send(Topics.orderEvents, placed(labelFirst, oldApproval), approved(labelFirst, oldApproval));
      const [second] = await overdue(labelFirst);
      expect(payloadOf(second!)).toMatchObject({ labelRenderedAt: early.occurredAt });
      await settle();
      expect(await firings(rule, pending)).toHaveLength(1);
      expect(await firings(rule, labelFirst)).toHaveLength(1);
    });
  });

  describe('across a restart of projection-service', () => {
    const countRule = 'repeated-payment-declines';

    test.each([
      ['stopped (SIGTERM)', () => projection.stop()],
      ['killed (SIGKILL)', () => projection.kill()],
    ])(
      'two declines, projection-service %s and started again, the third: flagged once',
      async (_how, stop) => {
        const customerId = newCustomer();
        const now = Date.now();
        const before = [decline(customerId, new Date(now)), decline(customerId, new Date(now + SECOND))];
        await send(Topics.paymentEvents, ...before);
        await applied(...before);
        await stop();
        await start();
        const third = decline(customerId, new Date(now + 2 * SECOND));
        await send(Topics.paymentEvents, third);
        const [flag] = await nextPublished(CustomerFlagged, 'customerId', customerId);
        expect((payloadOf(flag!)['evidence'] as Array<{ eventId: string }>).map((e) => e.eventId)).toEqual([
          ...before.map((d) => d.eventId),
          third.eventId,
        ]);
        await settle();
        expect(await firings(countRule, customerId)).toHaveLength(1);
        expect(published(CustomerFlagged, 'customerId', customerId)).toHaveLength(1);
      },
    );

    /** An order approved and applied, then projection-service stopped until its label deadline has passed. */
    const approvedThenDownPastItsLabelDeadline = async (): Promise<string> => {
      const orderId = randomUUID();
      const approvedAt = new Date();
      const events = [placed(orderId, approvedAt), approved(orderId, approvedAt)];
      await send(Topics.orderEvents, ...events);
      await applied(...events);
      await projection.stop();
      const deadline = approvedAt.getTime() + LABEL_SLA_MS;
      await new Promise((r) => setTimeout(r, Math.max(0, deadline - Date.now()) + 500));
      return orderId;
    };

    test('a pending label deadline that passes while projection-service is down fires after the restart, once', async () => {
      const orderId = await approvedThenDownPastItsLabelDeadline();
      expect(published(OrderLabelOverdue, 'orderId', orderId)).toEqual([]);
      const restartedAt = Date.now();
      await start();
      const [alert] = await nextPublished(OrderLabelOverdue, 'orderId', orderId);
      expect(payloadOf(alert!)).toMatchObject({ orderId, labelRenderedAt: null });
      expect(Date.parse(payloadOf(alert!)['firedAt'] as string)).toBeGreaterThanOrEqual(restartedAt);
      await settle();
      expect(await firings('label-sla', orderId)).toHaveLength(1);
      expect(published(OrderLabelOverdue, 'orderId', orderId)).toHaveLength(1);
    });

    test('two instances starting together (k8s/README.md, "Scaling and replicas") fire a deadline that passed meanwhile once', async () => {
      // Both look for due timers at boot, so both find this one; the key's lock and the re-check let one fire it.
      const orderId = await approvedThenDownPastItsLabelDeadline();
      const [, second] = await Promise.all([start(), startSecond()]);
      try {
        await nextPublished(OrderLabelOverdue, 'orderId', orderId);
        await settle();
        expect(await firings('label-sla', orderId)).toHaveLength(1);
        expect(published(OrderLabelOverdue, 'orderId', orderId)).toHaveLength(1);
      } finally {
        await second.stop();
      }
    });
  });
});
