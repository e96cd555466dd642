import { openKafka } from '@edr/topic-reader';
import { compareStreams } from './compare-order.js';
import { type InvalidRecord, OrderLog } from './order-log.js';
import { OrderLogReader } from './order-log-reader.js';
import { type OrderOutcome, isMatch, judgeOrder, servedIsAhead } from './order-outcome.js';
import { OrderServiceClient } from './order-service-client.js';
import type { OrderSelection } from './replay-args.js';

export interface ReplayOptions {
  readonly brokers: readonly string[];
  readonly orderServiceUrl: string;
  readonly selection: OrderSelection;
  /**
   * How long to keep reading the log for orders GET shows further along than the log had them (still in flight when
   * the replay took its end offsets, their newest events not yet published). Default 5 s.
   */
  readonly catchUpMs?: number;
  /** Told what the replay is doing, between its phases (the CLI prints it to stderr). */
  readonly onProgress?: (message: string) => void;
}

export interface ReplayResult {
  readonly outcomes: readonly OrderOutcome[];
  /** Invalid records of the selected orders (all of them for --all). */
  readonly invalid: readonly InvalidRecord[];
  readonly log: {
    readonly partitions: number;
    /** Records read, every pass together. */
    readonly records: number;
    /** Valid order events among them (a redelivered event counted once). */
    readonly events: number;
    readonly duplicates: number;
    /** Invalid records in the whole log, in scope or not. */
    readonly invalid: number;
    /** Records read after the first pass, while catching up with orders GET showed further along. */
    readonly caughtUp: number;
    readonly readSeconds: number;
  };
  readonly counts: {
    /** Orders folded from the log and compared. */
    readonly replayed: number;
    readonly matches: number;
    readonly mismatches: number;
    readonly unknownToGet: number;
    readonly notInLog: number;
    readonly notFound: number;
  };
  readonly seconds: number;
  /** True only if every selected order matched and no record of theirs was invalid. */
  readonly ok: boolean;
}

const GET_CONCURRENCY = 8;
const CATCH_UP_PAUSE_MS = 250;
const DEFAULT_CATCH_UP_MS = 5_000;

/**
 * Replays orders from order.events and compares each with what GET /orders/{id} serves: the check that the
 * published log and the event store tell the same story. Read-only: it writes nothing but its own consumer group's
 * offsets, and deletes that group at the end.
 */
export async function replayOrders(options: ReplayOptions): Promise<ReplayResult> {
  const started = performance.now();
  const client = new OrderServiceClient(options.orderServiceUrl);
  await client.assertReachable();
  const session = await openKafka(options.brokers, 'order-replay');
  try {
    const reader = new OrderLogReader(session);
    try {
      return await replay(new TimedLog(reader), client, options, started);
    } finally {
      await reader.close();
    }
  } finally {
    await session.close().catch(() => undefined);
  }
}

/** The log as read so far, and how long reading it took. */
class TimedLog {
  readonly log = new OrderLog();
  readMs = 0;

  constructor(readonly reader: OrderLogReader) {}

  /** Reads on to the current end; returns how many records that was. */
  async readOn(): Promise<number> {
    const from = performance.now();
    const count = await this.reader.readToEnd((record) => this.log.add(record));
    this.readMs += performance.now() - from;
    return count;
  }
}

async function replay(
  timed: TimedLog,
  client: OrderServiceClient,
  options: ReplayOptions,
  started: number,
): Promise<ReplayResult> {
  const { log } = timed;
  const progress = options.onProgress ?? (() => undefined);
  await timed.readOn();
  const orderIds = options.selection.all ? [...log.streams.keys()] : options.selection.orderIds;
  progress(
    `read ${log.records} record(s) of order.events in ${(timed.readMs / 1000).toFixed(2)} s; ` +
      `comparing ${orderIds.length} order(s) with GET /orders/{id}`,
  );

  const judge = async (orderId: string) =>
    judgeOrder(orderId, log.streams.get(orderId), await client.order(orderId));
  const outcomes = new Map<string, OrderOutcome>();
  for (const outcome of await mapConcurrently(orderIds, judge)) outcomes.set(outcome.orderId, outcome);

  const catchUpMs = options.catchUpMs ?? DEFAULT_CATCH_UP_MS;
  const deadline = performance.now() + catchUpMs;
  let ahead = [...outcomes.values()].filter(servedIsAhead).map((outcome) => outcome.orderId);
  let caughtUp = 0;
  if (ahead.length > 0 && catchUpMs > 0)
    progress(
      `GET shows ${ahead.length} order(s) further along than the log had them: reading on for up to ${catchUpMs / 1000} s`,
    );
  while (ahead.length > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, CATCH_UP_PAUSE_MS));
    caughtUp += await timed.readOn();
    for (const outcome of await mapConcurrently(ahead, judge)) outcomes.set(outcome.orderId, outcome);
    ahead = ahead.filter((orderId) => servedIsAhead(outcomes.get(orderId)!));
  }

  // For what still differs, name the events one side has and the other has not.
  const explained = await mapConcurrently([...outcomes.values()], async (outcome) => {
    if (outcome.kind !== 'mismatch' && outcome.kind !== 'not-in-log') return outcome;
    const history = (await client.history(outcome.orderId)) ?? [];
    return { ...outcome, streams: compareStreams(log.streams.get(outcome.orderId) ?? [], history) };
  });

  const selected = new Set(orderIds);
  const invalid = options.selection.all
    ? log.invalid
    : log.invalid.filter((record) => record.key !== null && selected.has(record.key));
  const count = (kind: OrderOutcome['kind']) => explained.filter((outcome) => outcome.kind === kind).length;
  return {
    outcomes: explained,
    invalid,
    log: {
      partitions: timed.reader.partitions,
      records: log.records,
      events: log.events,
      duplicates: log.duplicates,
      invalid: log.invalid.length,
      caughtUp,
      readSeconds: timed.readMs / 1000,
    },
    counts: {
      replayed: count('match') + count('mismatch'),
      matches: count('match'),
      mismatches: count('mismatch'),
      unknownToGet: count('unknown-to-get'),
      notInLog: count('not-in-log'),
      notFound: count('not-found'),
    },
    seconds: (performance.now() - started) / 1000,
    ok: explained.every(isMatch) && invalid.length === 0,
  };
}

/** `fn` over `items` with at most GET_CONCURRENCY calls in flight, results in the order of `items`. */
async function mapConcurrently<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await fn(items[index]!);
    }
  };
  await Promise.all(Array.from({ length: Math.min(GET_CONCURRENCY, items.length) }, worker));
  return results;
}
