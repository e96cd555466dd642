import type {
  CustomerCreatedPayload,
  CustomerRegistrationFailedPayload,
  RegistrationFailure,
  RegistrationPart,
} from '@edr/contracts';
import { RegistrationParts } from '@edr/contracts';
import type { CompensatedPart, PartOutcome, PartState, RegistrationState } from './registration.state.js';

/** What the aggregator sends because of a decision (the runner turns these into outbox messages). */
export type RegistrationEffect =
  | { readonly type: 'created'; readonly payload: CustomerCreatedPayload }
  | { readonly type: 'failed'; readonly payload: CustomerRegistrationFailedPayload }
  | { readonly type: 'compensate'; readonly part: CompensatedPart };

export interface RegistrationDecision {
  readonly state: RegistrationState;
  readonly effects: readonly RegistrationEffect[];
  /** False when the input changed nothing (a duplicate, a stale deadline sighting): nothing to write. */
  readonly changed: boolean;
}

const unchanged = (state: RegistrationState): RegistrationDecision => ({
  state,
  effects: [],
  changed: false,
});

const holdsSomething = (part: RegistrationPart): part is CompensatedPart => part !== 'address';

/**
 * The registration aggregator as a pure state machine. It ends a registration exactly once: ACTIVE (CustomerCreated)
 * when all three parts are done, in whatever order their outcomes arrive, or FAILED (CustomerRegistrationFailed) at
 * the first refusal or when the deadline passes while a part is still pending. After a failure every part that holds
 * something (contact, account) is compensated, whether it was done before the failure or finishes after it.
 * Outcomes it has already applied, and outcomes that no longer matter, change nothing, so redeliveries are harmless.
 */
export const RegistrationMachine = {
  /** A registration just accepted: every part PENDING until `deadlineAt`. */
  start(customerId: string, deadlineAt: Date): RegistrationState {
    return {
      customerId,
      status: 'PENDING',
      parts: { contact: 'PENDING', account: 'PENDING', address: 'PENDING' },
      contact: null,
      account: null,
      address: null,
      reason: null,
      deadlineAt,
      activatedAt: null,
      failedAt: null,
    };
  },

  partOutcome(state: RegistrationState, outcome: PartOutcome, now: Date): RegistrationDecision {
    switch (outcome.kind) {
      case 'done':
        return partDone(state, outcome, now);
      case 'refused':
        return partRefused(state, outcome, now);
      case 'compensated':
        return partCompensated(state, outcome.part);
    }
  },

  /** The watcher saw the registration's deadline pass; stale sightings (ended, or deadline moved) change nothing. */
  deadlinePassed(state: RegistrationState, now: Date): RegistrationDecision {
    if (state.status !== 'PENDING' || state.deadlineAt === null || now < state.deadlineAt)
      return unchanged(state);
    const pending = RegistrationParts.filter((part) => state.parts[part] === 'PENDING');
    return fail(state, now, {
      part: 'deadline',
      code: 'REGISTRATION_DEADLINE_PASSED',
      detail: `no outcome from the ${pending.join(', ')} part${pending.length === 1 ? '' : 's'} by ${state.deadlineAt.toISOString()}`,
    });
  },
};

function partDone(
  state: RegistrationState,
  outcome: Extract<PartOutcome, { kind: 'done' }>,
  now: Date,
): RegistrationDecision {
  const { part } = outcome;
  if (state.parts[part] !== 'PENDING') return unchanged(state);
  const recorded: RegistrationState = {
    ...state,
    ...(outcome.part === 'contact' ? { contact: outcome.contact } : {}),
    ...(outcome.part === 'account' ? { account: outcome.account } : {}),
    ...(outcome.part === 'address' ? { address: outcome.address } : {}),
  };
  if (state.status === 'FAILED') {
    // Finished after the registration failed: give back what it holds at once.
    if (!holdsSomething(part)) return changedTo(withPart(recorded, part, 'DONE'), []);
    return changedTo(withPart(recorded, part, 'COMPENSATING'), [{ type: 'compensate', part }]);
  }
  if (state.status === 'ACTIVE') return unchanged(state);
  const done = withPart(recorded, part, 'DONE');
  if (!RegistrationParts.every((each) => done.parts[each] === 'DONE')) return changedTo(done, []);
  return activate(done, now);
}

function activate(state: RegistrationState, now: Date): RegistrationDecision {
  const { contact, account, address } = state;
  if (contact === null || account === null || address === null) {
    throw new Error(`registration ${state.customerId}: every part is DONE but one has no data`);
  }
  const active: RegistrationState = { ...state, status: 'ACTIVE', deadlineAt: null, activatedAt: now };
  return changedTo(active, [
    {
      type: 'created',
      payload: {
        customerId: state.customerId,
        ...contact,
        address,
        creditLimit: account.creditLimit,
        activatedAt: now.toISOString(),
      },
    },
  ]);
}

function partRefused(
  state: RegistrationState,
  outcome: Extract<PartOutcome, { kind: 'refused' }>,
  now: Date,
): RegistrationDecision {
  const { part, code, detail } = outcome;
  if (state.parts[part] !== 'PENDING') return unchanged(state);
  const refused = withPart(state, part, 'REFUSED');
  // A refusal after the registration ended (another part refused first, or the deadline passed) only records it.
  if (state.status !== 'PENDING') return changedTo(refused, []);
  return fail(refused, now, { part, code, detail });
}

function fail(state: RegistrationState, now: Date, reason: RegistrationFailure): RegistrationDecision {
  let failed: RegistrationState = { ...state, status: 'FAILED', reason, deadlineAt: null, failedAt: now };
  const effects: RegistrationEffect[] = [
    { type: 'failed', payload: { customerId: state.customerId, reason, failedAt: now.toISOString() } },
  ];
  for (const part of RegistrationParts) {
    if (state.parts[part] === 'DONE' && holdsSomething(part)) {
      failed = withPart(failed, part, 'COMPENSATING');
      effects.push({ type: 'compensate', part });
    }
  }
  return changedTo(failed, effects);
}

function partCompensated(state: RegistrationState, part: CompensatedPart): RegistrationDecision {
  const current = state.parts[part];
  // PENDING: a compensation that overtook its part (a redriven message); the part will not act any more.
  if (current === 'COMPENSATING' || (current === 'PENDING' && state.status === 'FAILED')) {
    return changedTo(withPart(state, part, 'COMPENSATED'), []);
  }
  return unchanged(state);
}

const withPart = (state: RegistrationState, part: RegistrationPart, to: PartState): RegistrationState => ({
  ...state,
  parts: { ...state.parts, [part]: to },
});

const changedTo = (
  state: RegistrationState,
  effects: readonly RegistrationEffect[],
): RegistrationDecision => ({ state, effects, changed: true });
