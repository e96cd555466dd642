import { describe, expect, test } from '@jest/globals';
import { CustomerFlagged, OrderLabelOverdue } from '@edr/contracts';
import { loadConfig } from '@edr/config';
import { projectionConfigSchema } from '../projection.config.js';
import { describeRule } from './cep-rule.js';
import { RuleNames, cepRules } from './cep-rules.js';

const config = loadConfig(projectionConfigSchema, {
  PROJECTION_DECLINES_THRESHOLD: '3',
  PROJECTION_DECLINES_WINDOW_MS: '600000',
  PROJECTION_LABEL_SLA_MS: '2000',
});
const rules = cepRules(config);

describe('cepRules (the rules, declared as data)', () => {
  test('each rule has a unique name, a pattern, a window and an action', () => {
    expect(rules.map((r) => r.name)).toEqual([RuleNames.repeatedPaymentDeclines, RuleNames.labelSla]);
    expect(rules.map(describeRule)).toEqual([
      {
        name: 'repeated-payment-declines',
        description: expect.stringContaining('3 payment declines'),
        pattern: {
          kind: 'count',
          event: 'PaymentDeclined',
          key: 'customerId',
          distinct: 'orderId',
          where: { field: 'code', notIn: ['CUSTOMER_FLAGGED', 'ALREADY_COMPENSATED'] },
          atLeast: 3,
        },
        window: { ms: 600_000 },
        action: { emit: 'CustomerFlagged', until: 'CustomerFlagCleared' },
      },
      {
        name: 'label-sla',
        description: expect.stringContaining('2000 ms'),
        pattern: { kind: 'absence', start: 'OrderApproved', expect: 'ShippingLabelRendered', key: 'orderId' },
        window: { ms: 2_000 },
        action: { emit: 'OrderLabelOverdue' },
      },
    ]);
  });

  test('the description is JSON as GET /cep/rules serves it (no functions, no schemas)', () => {
    const served = JSON.parse(JSON.stringify(rules.map(describeRule)));
    expect(served).toEqual(rules.map(describeRule));
  });

  test("the count rule's action builds a valid CustomerFlagged", () => {
    const rule = rules[0]!;
    const firedAt = new Date('2026-01-01T12:10:00.000Z');
    const payload = rule.action.payload({
      rule: rule.name,
      key: 'c-42',
      evidence: [
        {
          eventId: '9f0c2a3e-8f7a-4a52-9d43-1b2c3d4e5f60',
          type: 'PaymentDeclined',
          occurredAt: new Date('2026-01-01T12:00:00.000Z'),
          distinctKey: 'o-1',
        },
      ],
      windowMs: 600_000,
      firedAt,
    } as never);
    expect(CustomerFlagged.payload.parse(payload)).toEqual({
      customerId: 'c-42',
      rule: 'repeated-payment-declines',
      evidence: [
        {
          eventId: '9f0c2a3e-8f7a-4a52-9d43-1b2c3d4e5f60',
          type: 'PaymentDeclined',
          occurredAt: '2026-01-01T12:00:00.000Z',
        },
      ],
      windowMs: 600_000,
      flaggedAt: '2026-01-01T12:10:00.000Z',
    });
  });

  test("the absence rule's action builds a valid OrderLabelOverdue, with and without a late label", () => {
    const rule = rules[1]!;
    const match = {
      rule: rule.name,
      key: '9f0c2a3e-8f7a-4a52-9d43-1b2c3d4e5f61',
      startedAt: new Date('2026-01-01T12:00:00.000Z'),
      deadlineAt: new Date('2026-01-01T12:00:02.000Z'),
      expectedAt: null,
      firedAt: new Date('2026-01-01T12:00:02.010Z'),
    };
    expect(OrderLabelOverdue.payload.parse(rule.action.payload(match as never))).toMatchObject({
      orderId: match.key,
      labelRenderedAt: null,
      deadlineAt: '2026-01-01T12:00:02.000Z',
    });
    const late = { ...match, expectedAt: new Date('2026-01-01T12:00:03.000Z') };
    expect(OrderLabelOverdue.payload.parse(rule.action.payload(late as never))).toMatchObject({
      labelRenderedAt: '2026-01-01T12:00:03.000Z',
    });
  });

  test('the thresholds and windows come from the configuration', () => {
    const other = cepRules(
      loadConfig(projectionConfigSchema, {
        PROJECTION_DECLINES_THRESHOLD: '5',
        PROJECTION_DECLINES_WINDOW_MS: '60000',
      }),
    );
    expect(other[0]!.pattern).toMatchObject({ atLeast: 5 });
    expect(other[0]!.window).toEqual({ ms: 60_000 });
    expect(other[1]!.window).toEqual({ ms: 60_000 });
  });
});
