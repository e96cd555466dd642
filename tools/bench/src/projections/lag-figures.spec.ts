import { describe, expect, test } from '@jest/globals';
import { Topics } from '@edr/contracts';
import { healthLag, lagRows, sourceTopicOf, viewsOfHealth } from './lag-figures.js';

describe('lagRows', () => {
  test('per view all changes, then per source topic (busiest first) when there is more than one', () => {
    const rows = lagRows([
      { view: 'orders', type: 'OrderPlaced', lagMs: 10 },
      { view: 'orders', type: 'OrderApproved', lagMs: 30 },
      { view: 'orders', type: 'PaymentAuthorized', lagMs: 20 },
      { view: 'customers', type: 'OrderPlaced', lagMs: 5 },
    ]);
    expect(rows.map((r) => [r.view, r.source, r.lagMs.count, r.lagMs.median, r.lagMs.max])).toEqual([
      ['orders', 'all', 3, 20, 30],
      ['orders', Topics.orderEvents, 2, 10, 30],
      ['orders', Topics.paymentEvents, 1, 20, 20],
      ['customers', 'all', 1, 5, 5],
    ]);
  });

  test('a type the catalog does not know is its own group', () => {
    expect(sourceTopicOf('NoSuchEvent')).toBe('unknown');
    expect(sourceTopicOf(null)).toBe('unknown');
    expect(sourceTopicOf('CustomerCreated')).toBe(Topics.customerEvents);
  });
});

describe('healthLag', () => {
  test('max and mean records, max seconds and the share of samples behind, per view', () => {
    const lag = healthLag([
      { at: 0, views: { orders: { records: 0, seconds: 0 }, customers: { records: 2, seconds: 0.1 } } },
      { at: 1, views: { orders: { records: 6, seconds: 0.4 }, customers: { records: 0, seconds: 0 } } },
    ]);
    expect(lag).toEqual([
      { view: 'orders', samples: 2, maxRecords: 6, meanRecords: 3, maxSeconds: 0.4, behindShare: 0.5 },
      { view: 'customers', samples: 2, maxRecords: 2, meanRecords: 1, maxSeconds: 0.1, behindShare: 0.5 },
    ]);
    expect(healthLag([])).toEqual([]);
  });

  test('reads details.views of a /health answer, leaving out terminus status keys', () => {
    expect(
      viewsOfHealth({
        status: 'ok',
        details: {
          views: { status: 'up', orders: { records: 3, seconds: 1.2 } },
          database: { status: 'up' },
        },
      }),
    ).toEqual({ orders: { records: 3, seconds: 1.2 } });
    expect(viewsOfHealth(null)).toEqual({});
  });
});
