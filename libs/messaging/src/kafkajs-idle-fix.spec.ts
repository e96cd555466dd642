import { afterEach, describe, expect, jest, test } from '@jest/globals';
import {
  type RequestQueueState,
  fixKafkajsIdleLoop,
  kafkajsRequestQueue,
  scheduleCheckPendingRequests,
} from './kafkajs-idle-fix.js';

const queue = (pending: unknown[], throttledUntil = -1) => {
  const state: RequestQueueState = {
    pending,
    throttledUntil,
    throttleCheckTimeoutId: null,
    checkPendingRequests: jest.fn(),
  };
  return state;
};

describe('scheduleCheckPendingRequests (kafkajs idle loop fix)', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  test('arms no timer when nothing waits: an idle connection stays asleep', () => {
    jest.useFakeTimers();
    const state = queue([]);
    scheduleCheckPendingRequests.call(state);
    expect(state.throttleCheckTimeoutId).toBeNull();
    expect(jest.getTimerCount()).toBe(0);
  });

  test('checks a waiting request again after 10 ms when not throttled (the in-flight limit held it back)', () => {
    jest.useFakeTimers();
    const state = queue([{}]);
    scheduleCheckPendingRequests.call(state);
    jest.advanceTimersByTime(9);
    expect(state.checkPendingRequests).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(state.checkPendingRequests).toHaveBeenCalledTimes(1);
    expect(state.throttleCheckTimeoutId).toBeNull();
  });

  test('waits out the broker throttle before checking a waiting request', () => {
    jest.useFakeTimers({ now: 1_000 });
    const state = queue([{}], 1_250);
    scheduleCheckPendingRequests.call(state);
    jest.advanceTimersByTime(249);
    expect(state.checkPendingRequests).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(state.checkPendingRequests).toHaveBeenCalledTimes(1);
  });

  test('keeps one timer while one is armed', () => {
    jest.useFakeTimers();
    const state = queue([{}]);
    scheduleCheckPendingRequests.call(state);
    scheduleCheckPendingRequests.call(state);
    expect(jest.getTimerCount()).toBe(1);
  });
});

describe('fixKafkajsIdleLoop', () => {
  test('puts the fixed method into the installed kafkajs request queue', () => {
    fixKafkajsIdleLoop();
    expect(kafkajsRequestQueue().prototype.scheduleCheckPendingRequests).toBe(scheduleCheckPendingRequests);
  });
});
