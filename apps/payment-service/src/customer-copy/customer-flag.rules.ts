import type { CustomerFlagClearedPayload, CustomerFlaggedPayload } from '@edr/contracts';

/**
 * Payment's record of a customer's hold, from projection.events: the rule that flagged the customer, since when, and
 * whether (and by whom) it was cleared. Kept apart from the copy of the registration: a flag may arrive for a customer
 * whose registration events payment has not seen, and must not make that customer look registered.
 */
export interface CustomerFlag {
  readonly customerId: string;
  readonly rule: string;
  readonly flaggedAt: Date;
  /** The CustomerFlagged event that set this flag. */
  readonly flagEventId: string;
  /** Null while the customer is held. */
  readonly clearedAt: Date | null;
  readonly clearedBy: string | null;
  readonly clearNote: string | null;
}

export type FlagEvent =
  | { readonly type: 'CustomerFlagged'; readonly eventId: string; readonly payload: CustomerFlaggedPayload }
  | { readonly type: 'CustomerFlagCleared'; readonly payload: CustomerFlagClearedPayload };

/** Whether the flag holds the customer's payments now. */
export const isHeld = (flag: CustomerFlag | null): flag is CustomerFlag & { readonly clearedAt: null } =>
  flag !== null && flag.clearedAt === null;

/**
 * The flag after `event`, or null when the event changes nothing. projection.events is keyed by customer id, so one
 * customer's flags and clears arrive in the order projection-service decided them, and are applied in that order:
 * a flag holds the customer until a clear; a clear lifts the hold; a new flag after a clear holds again. A second
 * flag while held keeps the first (the hold stands since then), and a clear with no hold to lift changes nothing.
 */
export function applyFlagEvent(current: CustomerFlag | null, event: FlagEvent): CustomerFlag | null {
  switch (event.type) {
    case 'CustomerFlagged':
      if (isHeld(current)) return null;
      return {
        customerId: event.payload.customerId,
        rule: event.payload.rule,
        flaggedAt: new Date(event.payload.flaggedAt),
        flagEventId: event.eventId,
        clearedAt: null,
        clearedBy: null,
        clearNote: null,
      };
    case 'CustomerFlagCleared':
      if (!isHeld(current)) return null;
      return {
        ...current,
        clearedAt: new Date(event.payload.clearedAt),
        clearedBy: event.payload.clearedBy,
        clearNote: event.payload.note,
      };
  }
}
