import { AsyncLocalStorage } from 'node:async_hooks';

export interface Correlation {
  readonly correlationId: string;
  /** Id of the message being handled; becomes the causation id of every event written while handling it. */
  readonly causationId: string | null;
  readonly traceparent: string | null;
}

const storage = new AsyncLocalStorage<Correlation>();

/**
 * Carries correlation and causation ids from an incoming message (or HTTP request) to whatever it writes to the
 * outbox, without threading them through every function signature.
 */
export const CorrelationContext = {
  run: <T>(correlation: Correlation, work: () => T): T => storage.run(correlation, work),
  current: (): Correlation | undefined => storage.getStore(),
};
