import type { IncomingEvent } from './incoming-message.js';

/**
 * Runs before each new message's handler, inside the retry loop and the inbox transaction (after the duplicate
 * check): what it throws is retried like a handler's error, and nothing it interrupts is half-applied. Fault
 * injection provides it; a service has at most one.
 */
export type BeforeMessageHook = (message: IncomingEvent) => Promise<void>;

/** Optional injection token of the service's {@link BeforeMessageHook}, read by MessageConsumer. */
export const BEFORE_MESSAGE = Symbol.for('edr.before-message');
