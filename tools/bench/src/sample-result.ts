/** A small, made-up but consistent result for the report specs (not a measurement). */
import type { BenchResult, StepResult } from './result-model.js';
import type { Summary } from './stats.js';

const s = (median: number, p95: number, p99: number): Summary => ({
  count: 100,
  mean: median,
  median,
  p95,
  p99,
  max: p99 + 1,
});

const cpu = (scale: number) => ({
  seconds: 10,
  perProcess: {
    postgres: 0.2 * scale,
    kafka: 0.1 * scale,
    connect: 0.3 * scale,
    'order-service': 0.1 * scale,
  },
  cpuSeconds: { postgres: 2 * scale, kafka: 1 * scale, connect: 3 * scale, 'order-service': 1 * scale },
  stackCores: 0.7 * scale,
  stackCpuSeconds: 7 * scale,
  benchCores: 0.05,
  machineBusyCores: 0.8 * scale,
  otherCores: 0.05,
});

const pss = {
  perProcessMiB: { postgres: 100, kafka: 400, connect: 450, 'order-service': 90 },
  totalMiB: 1040,
};

const step = (over: Partial<StepResult> & Pick<StepResult, 'offeredPerSecond'>): StepResult => ({
  phase: 'rate',
  warmupSeconds: 2,
  durationSeconds: 8,
  carriedOver: 0,
  windowSeconds: 8.5,
  posts: {
    offered: 80,
    accepted: 80,
    refused: 0,
    errors: 0,
    errorSamples: [],
    retryAfterSeconds: null,
    answerMs: s(5, 9, 12),
  },
  outcomes: { approved: 80, rejected: {}, timedOut: 0, unfinished: 0 },
  completedPerSecond: 9.8,
  latencyMs: { client: s(180, 300, 420), server: s(150, 260, 380) },
  relayLagMs: { toRecordTimestamp: s(12, 20, 40), toBenchConsumer: s(20, 35, 60), byProducer: {} },
  consumerLag: { 'order-service': { max: 3, mean: 0.5, samples: 8 } },
  cpu: cpu(1),
  perSaga: { cpuMs: 80, xactCommit: 14, writeTransactions: 12, relayedMessages: 11 },
  sagasInWindow: 83,
  transactions: { xactCommit: 1162, writeTransactions: 996 },
  relayed: { messages: 913, deadLettered: 0 },
  pss,
  pgConnections: { 'order-service': 10 },
  verdict: { saturated: false, reasons: [] },
  ...over,
});

export function sampleResult(): BenchResult {
  const steps = [
    step({ offeredPerSecond: 10 }),
    step({
      offeredPerSecond: 30,
      completedPerSecond: 8.2,
      latencyMs: { client: s(900, 3000, 4000), server: s(850, 2900, 3900) },
      outcomes: { approved: 200, rejected: { 'PAYMENT TIMEOUT': 0 }, timedOut: 12, unfinished: 30 },
      cpu: cpu(2),
      verdict: { saturated: true, reasons: ['completed 8.2/s < 90 % of 30/s offered', '12 timed out'] },
    }),
    step({
      phase: 'ramp',
      offeredPerSecond: 12.5,
      completedPerSecond: 0,
      outcomes: { approved: 0, rejected: {}, timedOut: 0, unfinished: 100 },
      latencyMs: { client: null, server: null },
      verdict: { saturated: true, reasons: ['no saga approved'] },
    }),
  ];
  return {
    format: 'edr-bench/1',
    commit: { sha: '62789d6'.padEnd(40, '0'), subject: 'a commit', dirty: false, harnessDirty: false },
    system: { processes: ['postgres', 'kafka', 'connect', 'order-service'], without: [] },
    labelsRendered: 160,
    flashSale: {
      step: step({ phase: 'flash-sale', offeredPerSecond: 10, completedPerSecond: 7.9 }),
      reference: { offeredPerSecond: 10, completedPerSecond: 9.8, skus: 8 },
      completedVsSpread: 7.9 / 9.8,
    },
    startedAt: '2026-12-02T03:00:00.000Z',
    finishedAt: '2026-12-02T03:02:30.000Z',
    durationSeconds: 150,
    options: {
      quick: true,
      rates: [10, 30],
      duration: 8,
      warmup: 2,
      drain: 8,
      sequential: 30,
      idle: 10,
      rampStart: null,
      rampFactor: 1.25,
      rampSteps: 3,
      rampDuration: 6,
      p99Bound: 1000,
      baselineSeconds: 3,
      pgPool: 10,
      skus: 8,
      out: 'bench/results',
      cpuProf: null,
      flashSaleRate: null,
      without: [],
      compare: null,
    },
    machine: { cpuModel: 'Test CPU', cores: 2, memoryGiB: 24, kernel: 'Linux 6' },
    versions: { node: 'v20', postgres: 'PostgreSQL 17.10 on x86_64', kafka: '4.3.1', kafkajs: '2.2.4' },
    settings: {},
    definitions: { relayLagEstimate: 'record timestamp − occurredAt' },
    idle: { seconds: 10, cpu: cpu(0.5), pss },
    baselines: {
      pgCommitCeiling: {
        connections: 10,
        seconds: 3,
        commits: 6000,
        commitsPerSecond: 2000,
        transactionMs: s(4, 8, 12),
        shape: 'insert event, insert + delete outbox',
        durability: { synchronous_commit: 'on', fsync: 'on' },
      },
      kafkaRoundTrip: {
        lowRate: { perSecond: 20, messages: 30, latencyMs: s(3, 5, 8) },
        throughput: { seconds: 3, messages: 30000, messagesPerSecond: 10000, batchSize: 100 },
        client: 'kafkajs',
      },
    },
    sequential: {
      sagas: 30,
      outcomes: { approved: 30, rejected: {}, timedOut: 0, unfinished: 0 },
      latencyMs: { client: s(250, 300, 350), server: s(200, 250, 300) },
      stepsMs: { 'OrderPlaced → OrderPaymentAuthorized': s(60, 80, 90) },
      relayLagMs: { toRecordTimestamp: s(10, 15, 20), toBenchConsumer: s(15, 20, 30), byProducer: {} },
    },
    steps,
    ceiling: {
      sagasPerSecond: 9.8,
      atOfferedPerSecond: 10,
      stoppedBecause: 'saturated down to 12.5/s offered',
      bestCompletedPerSecond: 9.8,
    },
    ratios: { steps: [], sequential: { medianVsKafkaHops: 11.1, hops: 6 } },
    targets: [],
    pssPeak: pss,
    errors: [],
  };
}
