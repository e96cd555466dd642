import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { SagaCompletionTimeoutError, SagaCompletions, type SagaOutcome } from './saga-completions.js';

const LONG = 60_000;

describe('SagaCompletions', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('expect hands out a fresh tracking id each time', async () => {
    const completions = new SagaCompletions();
    const a = completions.expect(LONG);
    const b = completions.expect(LONG);
    expect(a.trackingId).not.toBe(b.trackingId);
    completions.fail(a.trackingId, new Error('cleanup'));
    completions.fail(b.trackingId, new Error('cleanup'));
    await expect(a.done).rejects.toThrow('cleanup');
    await expect(b.done).rejects.toThrow('cleanup');
  });

  test.each<SagaOutcome>(['processed', 'duplicate'])(
    'settle resolves the waiter with the outcome of the work (%s) and returns it',
    async (outcome) => {
      const completions = new SagaCompletions();
      const { trackingId, done } = completions.expect(LONG);
      await expect(completions.settle(trackingId, async () => outcome)).resolves.toBe(outcome);
      await expect(done).resolves.toBe(outcome);
    },
  );

  test('settle runs the work even when nobody waits', async () => {
    const completions = new SagaCompletions();
    const work = jest.fn(async (): Promise<SagaOutcome> => 'duplicate');
    await expect(completions.settle(null, work)).resolves.toBe('duplicate');
    await expect(completions.settle('nobody-waits-for-this', work)).resolves.toBe('duplicate');
    expect(work).toHaveBeenCalledTimes(2);
  });

  test('settle with a throwing work rejects the waiter and does not throw itself', async () => {
    const completions = new SagaCompletions();
    const { trackingId, done } = completions.expect(LONG);
    const failure = new Error('deadlock detected');
    await expect(
      completions.settle(trackingId, async () => {
        throw failure;
      }),
    ).resolves.toBe('processed');
    await expect(done).rejects.toBe(failure);
  });

  test('settle without a waiter rethrows the work error (so @nestjs/cqrs logs it)', async () => {
    const completions = new SagaCompletions();
    const failure = new Error('boom');
    const throwing = async (): Promise<SagaOutcome> => {
      throw failure;
    };
    await expect(completions.settle(null, throwing)).rejects.toBe(failure);
    await expect(completions.settle('unknown-tracking-id', throwing)).rejects.toBe(failure);
  });

  test('a waiter is settled at most once: a second settle for the same id has no waiter and rethrows', async () => {
    const completions = new SagaCompletions();
    const { trackingId, done } = completions.expect(LONG);
    await completions.settle(trackingId, async () => 'processed');
    await expect(done).resolves.toBe('processed');
    const failure = new Error('second run');
    await expect(
      completions.settle(trackingId, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  test('the waiter is rejected with SagaCompletionTimeoutError when nothing settles it in time', async () => {
    const completions = new SagaCompletions();
    const { done } = completions.expect(5);
    const error = await done.then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SagaCompletionTimeoutError);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).name).toBe('SagaCompletionTimeoutError');
    expect((error as Error).message).toContain('5 ms');
  });

  test('after a timeout the waiter is gone: a late settle behaves as if nobody waited', async () => {
    const completions = new SagaCompletions();
    const { trackingId, done } = completions.expect(1);
    await expect(done).rejects.toBeInstanceOf(SagaCompletionTimeoutError);
    await expect(completions.settle(trackingId, async () => 'processed')).resolves.toBe('processed');
    const failure = new Error('late failure');
    await expect(
      completions.settle(trackingId, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  test('settling clears the timeout timer', async () => {
    jest.useFakeTimers();
    const completions = new SagaCompletions();
    const { trackingId, done } = completions.expect(1_000);
    expect(jest.getTimerCount()).toBe(1);
    await completions.settle(trackingId, async () => 'processed');
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(5_000);
    await expect(done).resolves.toBe('processed');
  });

  test('the timeout fires exactly at timeoutMs', async () => {
    jest.useFakeTimers();
    const completions = new SagaCompletions();
    const { done } = completions.expect(1_000);
    let settled = false;
    const observed = done.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    void observed.then(() => {
      settled = true;
    });
    jest.advanceTimersByTime(999);
    await Promise.resolve();
    expect(settled).toBe(false);
    jest.advanceTimersByTime(1);
    await expect(observed).resolves.toBeInstanceOf(SagaCompletionTimeoutError);
  });

  test('fail() rejects the waiter with the given error and clears its timer', async () => {
    jest.useFakeTimers();
    const completions = new SagaCompletions();
    const { trackingId, done } = completions.expect(1_000);
    const failure = new Error('could not map the event to a command');
    completions.fail(trackingId, failure);
    expect(jest.getTimerCount()).toBe(0);
    await expect(done).rejects.toBe(failure);
  });

  test('fail() without a tracking id, or for an unknown one, does nothing', async () => {
    const completions = new SagaCompletions();
    const { trackingId, done } = completions.expect(LONG);
    expect(() => completions.fail(null, new Error('x'))).not.toThrow();
    expect(() => completions.fail('unknown', new Error('x'))).not.toThrow();
    // The real waiter is untouched and can still be settled.
    await completions.settle(trackingId, async () => 'duplicate');
    await expect(done).resolves.toBe('duplicate');
  });

  test('after fail() the tracking id is spent: settle runs the work as if nobody waited', async () => {
    const completions = new SagaCompletions();
    const { trackingId, done } = completions.expect(LONG);
    completions.fail(trackingId, new Error('mapping failed'));
    await expect(done).rejects.toThrow('mapping failed');
    const failure = new Error('work failed');
    await expect(
      completions.settle(trackingId, async () => {
        throw failure;
      }),
    ).rejects.toBe(failure);
  });

  test('waiters are independent: settling one leaves the others pending', async () => {
    const completions = new SagaCompletions();
    const first = completions.expect(LONG);
    const second = completions.expect(LONG);
    await completions.settle(second.trackingId, async () => 'duplicate');
    await expect(second.done).resolves.toBe('duplicate');
    await completions.settle(first.trackingId, async () => 'processed');
    await expect(first.done).resolves.toBe('processed');
  });
});
