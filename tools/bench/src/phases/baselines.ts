import type { Shutdown } from '@edr/infra';
import { Services } from '@edr/topology';
import {
  deleteRoundTripTopic,
  kafkaRoundTrip,
  roundTripClient,
  roundTripTopic,
} from '../baselines/kafka-round-trip.js';
import { dropScratchSchema, pgCommitCeiling, shape } from '../baselines/pg-commit-ceiling.js';
import { sleep } from '../clock.js';
import type { KafkaRoundTrip, PgCommitCeiling } from '../result-model.js';
import type { BenchContext } from './context.js';

/** The superuser URL pointed at another database of the same server. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * The two limits of this machine, measured in the same run: PostgreSQL's commit rate for the saga's write shape
 * (in a scratch schema of order_db, dropped afterwards), and a bare kafkajs round trip (on a scratch topic, deleted
 * afterwards). Both clean-ups are registered with the shutdown, so Ctrl-C in the middle removes them too.
 */
export async function runBaselines(
  ctx: BenchContext,
  shutdown: Shutdown,
  superuserUrl: string,
): Promise<{ pgCommitCeiling: PgCommitCeiling; kafkaRoundTrip: KafkaRoundTrip }> {
  const seconds = ctx.options.baselineSeconds;
  ctx.log(`▸ baseline: PostgreSQL commit ceiling, ${ctx.options.pgPool} connections, ${seconds} s`);
  const url = withDatabase(superuserUrl, Services.order.database);
  let pg: PgCommitCeiling;
  try {
    await shutdown.start(async () => url, dropScratchSchema);
    pg = await pgCommitCeiling(url, ctx.options.pgPool, seconds, ctx.signal);
    await dropScratchSchema(url);
  } catch (error) {
    pg = {
      connections: ctx.options.pgPool,
      seconds: 0,
      commits: 0,
      commitsPerSecond: 0,
      transactionMs: null,
      shape,
      durability: {},
      error: (error as Error).message,
    };
  }
  ctx.log(`  ${pg.error ? `failed: ${pg.error}` : `${Math.round(pg.commitsPerSecond)} commits/s`}`);
  // Let checkpoints and autovacuum of the scratch writes pass before the next measurement.
  await sleep(2_000, ctx.signal);

  ctx.log(`▸ baseline: kafkajs produce → consume round trip`);
  const lowRateMessages = ctx.options.quick ? 40 : 200;
  let kafka: KafkaRoundTrip;
  try {
    const topic = await shutdown.start(
      async () => roundTripTopic(),
      (t) => deleteRoundTripTopic(ctx.kafka, t),
    );
    kafka = await kafkaRoundTrip(
      ctx.kafka,
      { topic, lowRateMessages, perSecond: 20, seconds, batchSize: 100 },
      ctx.signal,
    );
    await deleteRoundTripTopic(ctx.kafka, topic);
  } catch (error) {
    kafka = {
      lowRate: { perSecond: 20, messages: 0, latencyMs: null },
      throughput: { seconds: 0, messages: 0, messagesPerSecond: 0, batchSize: 100 },
      client: roundTripClient,
      error: (error as Error).message,
    };
  }
  ctx.log(
    `  ${kafka.error ? `failed: ${kafka.error}` : `round trip median ${kafka.lowRate.latencyMs?.median.toFixed(1)} ms, max ${Math.round(kafka.throughput.messagesPerSecond)} messages/s`}`,
  );
  return { pgCommitCeiling: pg, kafkaRoundTrip: kafka };
}
