import type { Admin } from 'kafkajs';
import { sleep } from '../clock.js';
import { mean } from '../stats.js';

export interface PartitionOffset {
  readonly topic: string;
  readonly partition: number;
  /** Committed offset of the group; -1 when the group has committed nothing there yet. */
  readonly offset: number;
}

export interface PartitionEnd {
  readonly topic: string;
  readonly partition: number;
  readonly low: number;
  readonly high: number;
}

/**
 * Records a group has not committed yet, over all its partitions. Uncommitted partitions count from the start of
 * what the log still holds. This is committed-offset lag: it also counts records processed but not yet committed
 * (offsets are committed after the batch's transaction, at most once a second per consumer: OffsetCommitPacer).
 */
export function groupLag(committed: readonly PartitionOffset[], ends: readonly PartitionEnd[]): number {
  let lag = 0;
  for (const c of committed) {
    const end = ends.find((e) => e.topic === c.topic && e.partition === c.partition);
    if (!end) continue;
    lag += Math.max(0, end.high - (c.offset < 0 ? end.low : c.offset));
  }
  return lag;
}

export interface LagFigures {
  readonly max: number;
  readonly mean: number;
  readonly samples: number;
}

/** Max and mean lag per group over the samples. */
export function lagFigures(samples: readonly Readonly<Record<string, number>>[]): Record<string, LagFigures> {
  const groups = new Set(samples.flatMap((s) => Object.keys(s)));
  return Object.fromEntries(
    [...groups].map((group) => {
      const values = samples.map((s) => s[group]).filter((v): v is number => v !== undefined);
      return [group, { max: Math.max(...values), mean: mean(values) ?? 0, samples: values.length }];
    }),
  );
}

/**
 * Consumer groups the broker knows among `wanted` (a service's group is named after it, a worker's instances share
 * one), sorted. A group of an app not running now (left out by --without) can linger from an earlier run: only
 * the running apps' groups are asked for.
 */
export async function knownGroups(admin: Admin, wanted: ReadonlySet<string>): Promise<string[]> {
  const { groups } = await admin.listGroups();
  return groups
    .filter((g) => g.protocolType === 'consumer' && wanted.has(g.groupId))
    .map((g) => g.groupId)
    .sort();
}

/** One lag reading of each group, over the topics it has committed on. */
export async function sampleLag(admin: Admin, groups: readonly string[]): Promise<Record<string, number>> {
  const committed = await Promise.all(
    groups.map(async (groupId) => {
      const topics = await admin.fetchOffsets({ groupId });
      return {
        groupId,
        offsets: topics.flatMap((t) =>
          t.partitions.map((p) => ({ topic: t.topic, partition: p.partition, offset: Number(p.offset) })),
        ),
      };
    }),
  );
  const topics = [...new Set(committed.flatMap((c) => c.offsets.map((o) => o.topic)))];
  const ends = (
    await Promise.all(
      topics.map(async (topic) =>
        (await admin.fetchTopicOffsets(topic)).map((p) => ({
          topic,
          partition: p.partition,
          low: Number(p.low),
          high: Number(p.high),
        })),
      ),
    )
  ).flat();
  return Object.fromEntries(committed.map((c) => [c.groupId, groupLag(c.offsets, ends)]));
}

/** Samples every group's lag every `periodMs` until stopped; a failed reading is skipped, not fatal. */
export function startLagSampler(admin: Admin, groups: readonly string[], periodMs = 1_000) {
  const samples: Record<string, number>[] = [];
  const controller = new AbortController();
  const loop = (async () => {
    while (!controller.signal.aborted) {
      const started = Date.now();
      try {
        samples.push(await sampleLag(admin, groups));
      } catch {
        /* a reading during a rebalance can fail; the next one counts */
      }
      await sleep(periodMs - (Date.now() - started), controller.signal);
    }
  })();
  return {
    async stop(): Promise<Record<string, LagFigures>> {
      controller.abort();
      await loop;
      return lagFigures(samples);
    },
  };
}
