import {
  CustomerFlagCleared,
  CustomerFlagged,
  FailureCodes,
  OrderApproved,
  OrderLabelOverdue,
  PaymentDeclined,
  ShippingLabelRendered,
} from '@edr/contracts';
import type { ProjectionConfig } from '../projection.config.js';
import { type CepRule, absenceRule, countRule } from './cep-rule.js';

export const RuleNames = {
  repeatedPaymentDeclines: 'repeated-payment-declines',
  labelSla: 'label-sla',
} as const;

/**
 * Every complex-event-processing rule, in one place, as data: pattern, window, action (see cep-rule.ts for what
 * each pattern kind means). The engine (cep-engine.ts) interprets them; to add a rule, add it here
 * (docs/patterns/complex-event-processing.md).
 */
export function cepRules(config: Pick<ProjectionConfig, 'cep'>): readonly CepRule[] {
  return [
    countRule({
      name: RuleNames.repeatedPaymentDeclines,
      description:
        `${config.cep.declines.threshold} payment declines of one customer within ` +
        `${config.cep.declines.windowMs} ms (event time) flag the customer: payment-service declines the ` +
        `customer's payments (CUSTOMER_FLAGGED) until an operator clears the flag`,
      pattern: {
        kind: 'count',
        event: PaymentDeclined,
        key: 'customerId',
        // A retried AuthorizePayment is answered with the order's recorded decline again: one declined order, one
        // decline.
        distinct: 'orderId',
        // CUSTOMER_FLAGGED is the flag's own consequence; ALREADY_COMPENSATED says the order was compensated before
        // its payment was asked for, nothing about the customer.
        where: {
          field: 'code',
          notIn: [FailureCodes.customerFlagged, FailureCodes.alreadyCompensated],
        },
        atLeast: config.cep.declines.threshold,
      },
      window: { ms: config.cep.declines.windowMs },
      action: {
        emit: CustomerFlagged,
        until: CustomerFlagCleared,
        payload: (match) => ({
          customerId: match.key,
          rule: match.rule,
          evidence: match.evidence.map((o) => ({
            eventId: o.eventId,
            type: o.type,
            occurredAt: o.occurredAt.toISOString(),
          })),
          windowMs: match.windowMs,
          flaggedAt: match.firedAt.toISOString(),
        }),
      },
    }),
    absenceRule({
      name: RuleNames.labelSla,
      description:
        `an APPROVED order must have its shipping label within ${config.cep.labelSlaMs} ms of its approval ` +
        `(event time); otherwise an SLA alert`,
      pattern: { kind: 'absence', start: OrderApproved, expect: ShippingLabelRendered, key: 'orderId' },
      window: { ms: config.cep.labelSlaMs },
      action: {
        emit: OrderLabelOverdue,
        payload: (match) => ({
          orderId: match.key,
          rule: match.rule,
          approvedAt: match.startedAt.toISOString(),
          deadlineAt: match.deadlineAt.toISOString(),
          labelRenderedAt: match.expectedAt?.toISOString() ?? null,
          firedAt: match.firedAt.toISOString(),
        }),
      },
    }),
  ];
}
