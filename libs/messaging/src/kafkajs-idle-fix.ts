import { createRequire } from 'node:module';

/** The kafkajs release whose RequestQueue this fix replaces a method of; any other version must be re-checked. */
export const KAFKAJS_FIXED_VERSION = '2.2.4';

/** The parts of kafkajs' (internal, untyped) RequestQueue the fix reads and writes. */
export interface RequestQueueState {
  pending: unknown[];
  throttledUntil: number;
  throttleCheckTimeoutId: NodeJS.Timeout | null;
  checkPendingRequests(): void;
}

interface RequestQueueClass {
  prototype: { scheduleCheckPendingRequests(this: RequestQueueState): void };
}

/** kafkajs' own retry for requests held back by throttling or the in-flight limit (its CHECK_PENDING_REQUESTS_INTERVAL). */
const PENDING_CHECK_MS = 10;

/**
 * kafkajs 2.2.4 re-arms a timer after every pending-request check even when nothing is pending, with a negative
 * delay (`throttledUntil` is -1 when not throttled), i.e. every millisecond, on every broker connection, for as long as
 * the process runs (tulios/kafkajs#1556, #1704; the fix in #1667 is unreleased). An idle service spent its CPU there.
 * Requests wait in `pending` only when throttled or at the in-flight limit; a response (fulfillRequest) and a new
 * request (push) both check the queue themselves, so a timer is only needed while something waits.
 */
export function scheduleCheckPendingRequests(this: RequestQueueState): void {
  if (this.throttleCheckTimeoutId || this.pending.length === 0) return;
  const untilUnthrottled = this.throttledUntil - Date.now();
  this.throttleCheckTimeoutId = setTimeout(
    () => {
      this.throttleCheckTimeoutId = null;
      this.checkPendingRequests();
    },
    untilUnthrottled > 0 ? untilUnthrottled : PENDING_CHECK_MS,
  );
}

const require = createRequire(import.meta.url);

/** kafkajs' RequestQueue class (every client, consumer, producer and admin of the process shares it). */
export const kafkajsRequestQueue = (): RequestQueueClass =>
  require('kafkajs/src/network/requestQueue/index.js') as RequestQueueClass;

/**
 * Puts {@link scheduleCheckPendingRequests} into kafkajs for the whole process; call it before the first client
 * connects. Fails on another kafkajs version, whose request queue may differ: check whether it still has the bug, then
 * update {@link KAFKAJS_FIXED_VERSION} or remove this fix.
 */
export function fixKafkajsIdleLoop(): void {
  const { version } = require('kafkajs/package.json') as { version: string };
  if (version !== KAFKAJS_FIXED_VERSION) {
    throw new Error(
      `kafkajs ${version} is installed but libs/messaging/src/kafkajs-idle-fix.ts replaces a method of ${KAFKAJS_FIXED_VERSION}: check whether tulios/kafkajs#1556 is fixed in ${version}, then update KAFKAJS_FIXED_VERSION or remove the fix`,
    );
  }
  kafkajsRequestQueue().prototype.scheduleCheckPendingRequests = scheduleCheckPendingRequests;
}
