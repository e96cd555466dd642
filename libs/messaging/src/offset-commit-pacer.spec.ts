import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import { OffsetCommitPacer, type PartitionCommit } from './offset-commit-pacer.js';

describe('OffsetCommitPacer', () => {
  let commits: PartitionCommit[][];
  let errors: unknown[];
  let failNext: boolean;
  const pacer = () =>
    new OffsetCommitPacer({
      commit: async (offsets) => {
        if (failNext) {
          failNext = false;
          throw new Error('rebalancing');
        }
        commits.push(offsets);
      },
      intervalMs: 1_000,
      onError: (error) => errors.push(error),
      now: () => Date.now(),
    });

  beforeEach(() => {
    jest.useFakeTimers({ now: 10_000 });
    commits = [];
    errors = [];
    failNext = false;
  });
  afterEach(() => {
    jest.useRealTimers();
  });

  test('commits the first batch at once, as the next offset to read', async () => {
    const p = pacer();
    p.processed('t', 0, '41');
    await p.afterBatch();
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '42' }]]);
  });

  test('commits batches within the interval once, at its end, with the latest offset per partition', async () => {
    const p = pacer();
    p.processed('t', 0, '1');
    await p.afterBatch();
    for (const [partition, offset] of [
      [0, '2'],
      [1, '7'],
      [0, '3'],
    ] as const) {
      jest.advanceTimersByTime(100);
      p.processed('t', partition, offset);
      await p.afterBatch();
    }
    expect(commits).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(699);
    expect(commits).toHaveLength(1);
    await jest.advanceTimersByTimeAsync(1);
    expect(commits[1]).toEqual([
      { topic: 't', partition: 0, offset: '4' },
      { topic: 't', partition: 1, offset: '8' },
    ]);
  });

  test('arms nothing with nothing processed: an idle consumer does not wake', async () => {
    const p = pacer();
    await p.afterBatch();
    expect(jest.getTimerCount()).toBe(0);
    expect(commits).toEqual([]);
  });

  test('a failed commit is reported, not thrown, and the next batch commits again', async () => {
    const p = pacer();
    failNext = true;
    p.processed('t', 0, '1');
    await p.afterBatch();
    expect(errors).toHaveLength(1);
    jest.advanceTimersByTime(1_000);
    p.processed('t', 0, '2');
    await p.afterBatch();
    expect(commits).toEqual([[{ topic: 't', partition: 0, offset: '3' }]]);
  });

  test('once closing, commits what is pending and then every batch at once', async () => {
    const p = pacer();
    p.processed('t', 0, '1');
    await p.afterBatch();
    p.processed('t', 0, '2');
    await p.afterBatch();
    await p.close();
    expect(jest.getTimerCount()).toBe(0);
    p.processed('t', 0, '3');
    await p.afterBatch();
    expect(commits.map((c) => c[0]!.offset)).toEqual(['2', '3', '4']);
  });

  test('keeps 64-bit offsets exact', async () => {
    const p = pacer();
    p.processed('t', 0, '9007199254740993');
    await p.afterBatch();
    expect(commits[0]![0]!.offset).toBe('9007199254740994');
  });
});
