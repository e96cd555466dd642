import { describe, expect, test } from '@jest/globals';
import { summarize } from '../stats.js';
import { projectionDefaults } from './projection-options.js';
import {
  type ProjectionBenchResult,
  type RebuildRun,
  perRecord,
  projectionMarkdown,
} from './projection-result.js';
import { rebuildOrder } from './view-topics.js';

const rebuild: RebuildRun = {
  view: 'orders',
  mode: 'rebuild',
  report: {
    replayed: 50_000,
    applied: 49_000,
    duplicates: 0,
    skipped: 1_000,
    rows: { order_view: 20_000, order_view_timeline: 49_000 },
    millis: { total: 26_000, replay: 25_000, catchUp: 300, locked: 120 },
    eventsPerSecond: 2_000,
  },
  error: null,
  wallMs: 26_500,
  measuredMs: 26_500,
  cpuSeconds: { 'projection-service': 15, postgres: 10, kafka: 1 },
  otherCores: 0.25,
  connection: { samples: 250, shares: { 'postgres running': 0.6, 'between transactions': 0.4 } },
  projectionDb: { commits: 110, rowsWritten: 150_000 },
};

const result: ProjectionBenchResult = {
  startedAt: '2026-12-07T10:00:00.000Z',
  options: projectionDefaults,
  load: {
    offeredPerSecond: 30,
    measuredSeconds: 60,
    sent: 1800,
    accepted: 1790,
    refused: 10,
    errors: 0,
    completedPerSecond: 29.8,
    approved: 1790,
    rejected: 0,
    unfinished: 0,
    sagaMs: summarize([300, 400, 500]),
    stackCores: 1.5,
    otherCores: 0.1,
  },
  lag: [{ view: 'orders', source: 'all', lagMs: summarize([40, 60, 900])! }],
  health: [
    { view: 'orders', samples: 60, maxRecords: 12, meanRecords: 1.5, maxSeconds: 0.8, behindShare: 0.25 },
  ],
  log: {
    before: { 'order.events': 20_000, 'payment.events': 4_000 },
    after: { 'order.events': 46_000, 'payment.events': 4_000 },
    syntheticOrders: 13_000,
    syntheticRecords: 26_000,
    produceSeconds: 3.2,
    liveCatchUpSeconds: 40.5,
  },
  rebuilds: [rebuild, { ...rebuild, mode: 'verify', report: { ...rebuild.report!, equal: true } }],
  kafkaRead: { records: 50_000, seconds: 2.5, firstBatchSeconds: 0.3, recordsPerSecond: 20_000 },
  errors: [],
};

describe('projectionMarkdown', () => {
  test('load, lag per view, /health, records before and after, rebuilds, costs and the Kafka-only read', () => {
    const md = projectionMarkdown(result);
    expect(md).toContain('| 1800 | 1790 | 10 | 0 | 29.8 | 1790 | 0 | 0 | 400 / 500 | 1.50 | 0.10 |');
    expect(md).toContain('| orders | all | 3 | 60 | 900 | 900 | 900 |');
    expect(md).toContain('| orders | 60 | 12 | 1.5 | 0.8 | 25 % |');
    expect(md).toContain('| before | 20,000 | 4,000 | 24,000 |');
    expect(md).toContain('| after | 46,000 | 4,000 | 50,000 |');
    expect(md).toContain(
      '| orders | rebuild | 50,000 | 2,000 | 25.0 | 300 | 120 | 26.0 | 26.5 | order_view 20,000, order_view_timeline 49,000 | – |',
    );
    expect(md).toContain('| orders | verify | 50,000 | 2,000 |');
    expect(md).toMatch(/\| yes \|\n/);
    expect(md).toContain('| orders | rebuild | 0.57 | 0.38 | 0.04 | 0.25 | 300 + 200 | 3.0 | 2.2 |');
    expect(md).toContain('**20,000 records/s**');
    expect(md).toContain('| orders | rebuild | 250 | postgres running 60 %, between transactions 40 % |');
    expect(md).toContain('top-up with 13,000 synthetic orders (26,000 records, produced in 3.2 s; the live');
    expect(md).not.toContain('## Errors');
  });

  test('says so when the topics held enough records already', () => {
    const md = projectionMarkdown({
      ...result,
      log: { ...result.log!, syntheticOrders: 0, syntheticRecords: 0, liveCatchUpSeconds: 0.1 },
    });
    expect(md).toContain('already at least --events, no synthetic orders added');
  });

  test('a failed job shows its error; errors are listed', () => {
    const md = projectionMarkdown({
      ...result,
      rebuilds: [{ ...rebuild, report: null, error: 'boom' }],
      errors: ['rebuild orders: boom'],
    });
    expect(md).toContain('| orders | rebuild | – | – | – | – | – | – | 26.5 | – | boom |');
    expect(md).toContain('## Errors\n\n- rebuild orders: boom');
  });
});

describe('perRecord', () => {
  test('CPU µs, rows written and commits per replayed record; null without records', () => {
    expect(perRecord(rebuild)).toEqual({
      projectionCpuUs: 300,
      postgresCpuUs: 200,
      rowsWritten: 3,
      commitsPer1000: 2.2,
    });
    expect(perRecord({ ...rebuild, report: null })).toBeNull();
  });
});

describe('rebuildOrder', () => {
  test('orders, customers, sales first (those that exist), then any other view', () => {
    expect(rebuildOrder(['customers', 'windows', 'orders'])).toEqual(['orders', 'customers', 'windows']);
    expect(rebuildOrder(['sales', 'customers', 'orders'])).toEqual(['orders', 'customers', 'sales']);
  });
});
