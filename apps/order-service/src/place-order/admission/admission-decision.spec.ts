import { describe, expect, test } from '@jest/globals';
import { decideAdmission } from './admission-decision.js';

const limit = 5;
const retryAfterS = 2;

describe('decideAdmission', () => {
  test('admits below the limit, counting what was admitted since the reading', () => {
    expect(decideAdmission({ reading: 0, admittedSince: 0, limit, retryAfterS })).toEqual({
      admit: true,
      backlog: 0,
    });
    expect(decideAdmission({ reading: 2, admittedSince: 2, limit, retryAfterS })).toEqual({
      admit: true,
      backlog: 4,
    });
  });

  test('refuses at the limit with the backlog, the limit and Retry-After', () => {
    expect(decideAdmission({ reading: 3, admittedSince: 2, limit, retryAfterS })).toEqual({
      admit: false,
      backlog: 5,
      limit,
      retryAfterS,
    });
  });

  test('refuses above the limit (another instance admitted, the limit was lowered)', () => {
    expect(decideAdmission({ reading: 9, admittedSince: 0, limit, retryAfterS })).toMatchObject({
      admit: false,
      backlog: 9,
    });
  });

  test('the reading alone may be below the limit: admissions since still close the door', () => {
    expect(decideAdmission({ reading: 0, admittedSince: 5, limit, retryAfterS })).toMatchObject({
      admit: false,
      backlog: 5,
    });
  });

  test('a limit of 1 admits one saga at a time', () => {
    expect(decideAdmission({ reading: 0, admittedSince: 0, limit: 1, retryAfterS }).admit).toBe(true);
    expect(decideAdmission({ reading: 0, admittedSince: 1, limit: 1, retryAfterS }).admit).toBe(false);
  });
});
