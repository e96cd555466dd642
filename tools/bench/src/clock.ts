/**
 * Wall-clock milliseconds with sub-millisecond resolution that never jump backwards during a run: the bench compares
 * its own observations with times other processes of this machine wrote (an envelope's `occurredAt`, a Kafka record
 * timestamp), so it needs the wall clock, and it measures short intervals, so it needs a monotonic one.
 */
export const wallMs = (): number => performance.timeOrigin + performance.now();

export const sleep = (ms: number, signal?: AbortSignal): Promise<void> =>
  new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, Math.max(0, ms));
    function done() {
      signal?.removeEventListener('abort', done);
      clearTimeout(timer);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
