import { describe, expect, test } from '@jest/globals';
import type { RegistrationPart } from '@edr/contracts';
import {
  type RegistrationDecision,
  type RegistrationEffect,
  RegistrationMachine,
} from './registration.machine.js';
import type { PartOutcome, RegistrationState } from './registration.state.js';

const customerId = 'cust-test';
const startedAt = new Date('2026-12-01T10:00:00.000Z');
const deadlineAt = new Date('2026-12-01T10:00:10.000Z');
const at = (ms: number) => new Date(startedAt.getTime() + ms);

const contact = { name: 'Ada Lovelace', email: 'ada@example.com', phone: '+44 20 1234567' };
const address = { line1: '1 Main St', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' };
const done: Record<RegistrationPart, PartOutcome> = {
  contact: { kind: 'done', part: 'contact', contact },
  account: { kind: 'done', part: 'account', account: { creditLimit: 2_500 } },
  address: { kind: 'done', part: 'address', address },
};
const refusals: Record<RegistrationPart, PartOutcome & { kind: 'refused' }> = {
  contact: { kind: 'refused', part: 'contact', code: 'EMAIL_IN_USE', detail: 'taken' },
  account: { kind: 'refused', part: 'account', code: 'CREDIT_LIMIT_ABOVE_CEILING', detail: 'too much' },
  address: { kind: 'refused', part: 'address', code: 'POSTAL_CODE_INVALID', detail: 'bad code' },
};
const released: PartOutcome = { kind: 'compensated', part: 'contact' };
const closed: PartOutcome = { kind: 'compensated', part: 'account' };

/** Feeds outcomes one after another (each a millisecond later) and collects every effect. */
function run(outcomes: readonly PartOutcome[], from = RegistrationMachine.start(customerId, deadlineAt)) {
  let state: RegistrationState = from;
  const effects: RegistrationEffect[] = [];
  outcomes.forEach((outcome, index) => {
    const decision: RegistrationDecision = RegistrationMachine.partOutcome(state, outcome, at(index + 1));
    state = decision.state;
    effects.push(...decision.effects);
  });
  return { state, effects };
}

const permutations = <T>(items: readonly T[]): T[][] =>
  items.length <= 1
    ? [[...items]]
    : items.flatMap((item, index) =>
        permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
      );

const parts: RegistrationPart[] = ['contact', 'account', 'address'];
const orders = permutations(parts).map((order): [string, RegistrationPart[]] => [order.join(' → '), order]);
const types = (effects: readonly RegistrationEffect[]) =>
  effects.map((effect) => (effect.type === 'compensate' ? `compensate ${effect.part}` : effect.type));

describe('RegistrationMachine', () => {
  test('starts PENDING with every part PENDING and the deadline', () => {
    expect(RegistrationMachine.start(customerId, deadlineAt)).toMatchObject({
      status: 'PENDING',
      parts: { contact: 'PENDING', account: 'PENDING', address: 'PENDING' },
      deadlineAt,
      reason: null,
    });
  });

  test.each(orders)(
    'all three done (%s): ACTIVE with exactly one CustomerCreated, only when the last arrives',
    (_, order) => {
      const first = run([done[order[0]!], done[order[1]!]]);
      expect(first.state.status).toBe('PENDING');
      expect(first.effects).toEqual([]);
      const { state, effects } = run([done[order[2]!]], first.state);
      expect(state).toMatchObject({
        status: 'ACTIVE',
        parts: { contact: 'DONE', account: 'DONE', address: 'DONE' },
        deadlineAt: null,
      });
      expect(effects).toEqual([
        {
          type: 'created',
          payload: {
            customerId,
            ...contact,
            address,
            creditLimit: 2_500,
            activatedAt: expect.any(String),
          },
        },
      ]);
    },
  );

  test.each(orders)(
    'every outcome twice, interleaved (%s): still exactly one CustomerCreated',
    (_, order) => {
      const outcomes = order.flatMap((part) => [done[part], done[part]]);
      const { state, effects } = run([...outcomes, ...outcomes]);
      expect(state.status).toBe('ACTIVE');
      expect(types(effects)).toEqual(['created']);
    },
  );

  test('a repeated outcome changes nothing, so nothing is written for it', () => {
    const once = run([done.contact]);
    expect(RegistrationMachine.partOutcome(once.state, done.contact, at(5))).toEqual({
      state: once.state,
      effects: [],
      changed: false,
    });
  });

  describe.each(parts)('the %s part refuses', (refusing) => {
    const others = parts.filter((part) => part !== refusing);

    test('first: FAILED with its reason; the parts finishing later are compensated when they do', () => {
      const { state, effects } = run([refusals[refusing], ...others.map((part) => done[part])]);
      const { part, code, detail } = refusals[refusing];
      expect(state).toMatchObject({ status: 'FAILED', reason: { part, code, detail }, deadlineAt: null });
      expect(state.parts[refusing]).toBe('REFUSED');
      const compensations = others.filter((part) => part !== 'address').map((part) => `compensate ${part}`);
      expect(types(effects)).toEqual(['failed', ...compensations]);
    });

    test('last: FAILED, and the two done parts that hold something are compensated at once', () => {
      const { state, effects } = run([...others.map((part) => done[part]), refusals[refusing]]);
      expect(state.status).toBe('FAILED');
      const compensations = others.filter((part) => part !== 'address').map((part) => `compensate ${part}`);
      expect(types(effects)).toEqual(['failed', ...compensations]);
      for (const part of others) {
        expect(state.parts[part]).toBe(part === 'address' ? 'DONE' : 'COMPENSATING');
      }
    });

    test('in the middle, and repeated: one CustomerRegistrationFailed, one compensation per part', () => {
      const outcomes = [done[others[0]!], refusals[refusing], refusals[refusing], done[others[1]!]];
      const { effects } = run([...outcomes, ...outcomes]);
      expect(types(effects).filter((type) => type === 'failed')).toHaveLength(1);
      for (const part of others.filter((each) => each !== 'address')) {
        expect(types(effects).filter((type) => type === `compensate ${part}`)).toHaveLength(1);
      }
    });
  });

  test('a second refusal after the failure is recorded, but the reason stays the first', () => {
    const { state, effects } = run([refusals.contact, refusals.address]);
    expect(state.reason).toMatchObject({ part: 'contact', code: 'EMAIL_IN_USE' });
    expect(state.parts).toMatchObject({ contact: 'REFUSED', address: 'REFUSED' });
    expect(types(effects)).toEqual(['failed']);
  });

  test('confirmed compensations end COMPENSATED; repeats of them change nothing', () => {
    const { state } = run([done.contact, done.account, refusals.address, released, closed, released, closed]);
    expect(state.parts).toEqual({ contact: 'COMPENSATED', account: 'COMPENSATED', address: 'REFUSED' });
  });

  test('a compensation confirmed while the registration is still PENDING is ignored', () => {
    const { state, effects } = run([released]);
    expect(state.parts.contact).toBe('PENDING');
    expect(effects).toEqual([]);
  });

  test('a part outcome after ACTIVE (a redelivery) changes nothing', () => {
    const active = run(parts.map((part) => done[part])).state;
    expect(RegistrationMachine.partOutcome(active, refusals.address, at(9)).changed).toBe(false);
    expect(RegistrationMachine.partOutcome(active, released, at(9)).changed).toBe(false);
  });

  describe('deadline', () => {
    test('before the deadline, or after the registration ended: nothing', () => {
      const pending = run([done.contact]).state;
      expect(RegistrationMachine.deadlinePassed(pending, at(9_999)).changed).toBe(false);
      const active = run(parts.map((part) => done[part])).state;
      expect(RegistrationMachine.deadlinePassed(active, at(60_000)).changed).toBe(false);
      const failed = run([refusals.address]).state;
      expect(RegistrationMachine.deadlinePassed(failed, at(60_000)).changed).toBe(false);
    });

    test('passed with parts pending: FAILED by the deadline, naming them; done parts compensated', () => {
      const pending = run([done.contact, done.address]).state;
      const { state, effects } = RegistrationMachine.deadlinePassed(pending, deadlineAt);
      expect(state).toMatchObject({
        status: 'FAILED',
        reason: {
          part: 'deadline',
          code: 'REGISTRATION_DEADLINE_PASSED',
          detail: `no outcome from the account part by ${deadlineAt.toISOString()}`,
        },
      });
      expect(types(effects)).toEqual(['failed', 'compensate contact']);
    });

    test('a part finishing after the deadline failed the registration is compensated; no CustomerCreated', () => {
      const pending = run([done.contact, done.address]).state;
      const failed = RegistrationMachine.deadlinePassed(pending, deadlineAt).state;
      const { state, effects } = run([done.account, done.account], failed);
      expect(state.parts.account).toBe('COMPENSATING');
      expect(types(effects)).toEqual(['compensate account']);
    });
  });
});
