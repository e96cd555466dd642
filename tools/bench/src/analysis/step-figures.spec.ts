import { describe, expect, it } from '@jest/globals';
import type { PostResult } from '../load/post-order.js';
import { type MeasuredOrder, outcomesOf, postsOf, sagaLatencies } from './step-figures.js';

const accepted = (sentAt: number, acceptedAt: number): PostResult => ({
  kind: 'accepted',
  orderId: `o-${sentAt}`,
  sentAt,
  acceptedAt,
});
const approvedOrder = (sentAt: number, latency: number, serverLatency: number): MeasuredOrder => ({
  post: accepted(sentAt, sentAt + 5),
  placedAt: 1_000,
  rejecting: null,
  end: {
    outcome: 'APPROVED',
    reason: null,
    occurredAt: 1_000 + serverLatency,
    observedAt: sentAt + 5 + latency,
  },
});
const timeout = { step: 'PAYMENT' as const, code: 'TIMEOUT' as const, detail: 'no reply' };

describe('step figures', () => {
  const orders: MeasuredOrder[] = [
    approvedOrder(0, 200, 150),
    approvedOrder(10, 300, 250),
    { post: accepted(20, 25), placedAt: 1, rejecting: timeout, end: null },
    {
      post: accepted(30, 35),
      placedAt: 1,
      rejecting: null,
      end: {
        outcome: 'REJECTED',
        reason: { step: 'INVENTORY', code: 'OUT_OF_STOCK', detail: '' },
        occurredAt: 2,
        observedAt: 40,
      },
    },
    { post: accepted(40, 45), placedAt: undefined, rejecting: null, end: null },
    {
      post: { kind: 'refused', sentAt: 50, answeredAt: 52, retryAfter: 1 },
      placedAt: undefined,
      rejecting: null,
      end: null,
    },
    {
      post: { kind: 'error', sentAt: 60, error: 'HTTP 500 boom' },
      placedAt: undefined,
      rejecting: null,
      end: null,
    },
  ];

  it('sorts outcomes: a timeout under way counts as timed out, an unanswered saga as unfinished', () => {
    expect(outcomesOf(orders)).toEqual({
      approved: 2,
      rejected: { 'INVENTORY OUT_OF_STOCK': 1 },
      timedOut: 1,
      unfinished: 1,
    });
  });

  it('counts a 503 as refused, not as an error', () => {
    expect(postsOf(orders)).toMatchObject({
      offered: 7,
      accepted: 5,
      refused: 1,
      errors: 1,
      errorSamples: ['HTTP 500 boom'],
      retryAfterSeconds: { count: 1, median: 1 },
    });
  });

  it('measures latency of approved sagas only, client and server side', () => {
    const { client, server } = sagaLatencies(orders);
    expect(client).toMatchObject({ count: 2, median: 200, max: 300 });
    expect(server).toMatchObject({ count: 2, median: 150, max: 250 });
  });
});
