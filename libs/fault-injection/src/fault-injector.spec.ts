import { afterEach, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { Logger } from '@nestjs/common';
import { FaultInjector, type FaultInjectorOptions, InjectedTransientError } from './fault-injector.js';
import { type FaultSettings, defaultFaultSettings } from './fault-settings.js';

const injector = (settings: Partial<FaultSettings>, options: FaultInjectorOptions = {}) =>
  new FaultInjector({ ...defaultFaultSettings, ...settings }, options);

beforeAll(() => Logger.overrideLogger(false));
afterEach(() => {
  jest.restoreAllMocks();
  jest.useRealTimers();
});

describe('FaultInjector', () => {
  test('with no faults every message passes and nothing is declined', async () => {
    const faults = injector({}, { random: () => 0 });
    for (let i = 0; i < 5; i++) await faults.beforeMessage();
    expect(faults.messagesSeen()).toBe(5);
    expect(faults.shouldDecline()).toBe(false);
    expect(faults.messagesUntilCrash()).toBeNull();
  });

  test('handles N messages, then kills the process when message N+1 arrives', async () => {
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const kill = jest.fn<() => void>();
    const faults = injector({ crashAfterMessages: 2 }, { kill });

    await faults.beforeMessage();
    await faults.beforeMessage();
    expect(kill).not.toHaveBeenCalled();
    expect(faults.messagesUntilCrash()).toBe(0);

    await expect(faults.beforeMessage()).rejects.toThrow(/still running/);
    expect(kill).toHaveBeenCalledTimes(1);
    expect(stderr).toHaveBeenCalledWith('fault injection: crashing after 2 messages\n');
  });

  test('a crash countdown set at runtime starts from then', async () => {
    const kill = jest.fn<() => void>();
    jest.spyOn(process.stderr, 'write').mockImplementation(() => true);
    const faults = injector({}, { kill });
    for (let i = 0; i < 10; i++) await faults.beforeMessage();

    faults.update({ crashAfterMessages: 1 });
    await faults.beforeMessage();
    expect(kill).not.toHaveBeenCalled();
    await expect(faults.beforeMessage()).rejects.toThrow();
    expect(kill).toHaveBeenCalledTimes(1);
  });

  test('waits latencyMs before each message', async () => {
    jest.useFakeTimers();
    const faults = injector({ latencyMs: 1000 });
    let done = false;
    const pending = faults.beforeMessage().then(() => (done = true));

    await jest.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await jest.advanceTimersByTimeAsync(1);
    await pending;
    expect(done).toBe(true);
  });

  test('errorProbability 1 always throws a transient error, 0 never does', async () => {
    const always = injector({ errorProbability: 1 }, { random: () => 0.999 });
    await expect(always.beforeMessage()).rejects.toBeInstanceOf(InjectedTransientError);
    await expect(always.beforeMessage()).rejects.toMatchObject({ name: 'InjectedTransientError' });

    const never = injector({ errorProbability: 0 }, { random: () => 0 });
    await expect(never.beforeMessage()).resolves.toBeUndefined();
  });

  test('errorProbability compares against the random draw', async () => {
    const draws = [0.1, 0.5];
    const faults = injector({ errorProbability: 0.3 }, { random: () => draws.shift() ?? 1 });
    await expect(faults.beforeMessage()).rejects.toBeInstanceOf(InjectedTransientError);
    await expect(faults.beforeMessage()).resolves.toBeUndefined();
  });

  test('declines with declineProbability', () => {
    const draws = [0.2, 0.8];
    const faults = injector({ declineProbability: 0.5 }, { random: () => draws.shift() ?? 1 });
    expect(faults.shouldDecline()).toBe(true);
    expect(faults.shouldDecline()).toBe(false);
    expect(injector({ declineProbability: 1 }, { random: () => 0.999 }).shouldDecline()).toBe(true);
  });

  test('update keeps unspecified fields, reset returns to the initial settings', () => {
    const faults = injector({ latencyMs: 10 });
    expect(faults.update({ declineProbability: 0.5 })).toEqual({
      ...defaultFaultSettings,
      latencyMs: 10,
      declineProbability: 0.5,
    });
    expect(faults.reset()).toEqual({ ...defaultFaultSettings, latencyMs: 10 });
  });

  test('settings() is a copy', () => {
    const faults = injector({});
    faults.settings().latencyMs = 99;
    expect(faults.settings().latencyMs).toBe(0);
  });

  test('update rejects invalid settings', () => {
    expect(() => injector({}).update({ errorProbability: 2 })).toThrow(/between 0 and 1/);
  });

  test('failTaskAttempts N fails the first N attempts of a task, always fails every one, null none', async () => {
    const failing = injector({ failTaskAttempts: 2 });
    await expect(failing.beforeTask(1)).rejects.toThrow(InjectedTransientError);
    await expect(failing.beforeTask(2)).rejects.toThrow(InjectedTransientError);
    await expect(failing.beforeTask(3)).resolves.toBeUndefined();
    await expect(injector({ failTaskAttempts: 'always' }).beforeTask(50)).rejects.toThrow(
      /task attempt 50 fails/,
    );
    await expect(injector({}).beforeTask(1)).resolves.toBeUndefined();
  });
});
