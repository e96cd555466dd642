import { describe, expect, test } from '@jest/globals';
import { classifyBackends, stateShares } from './backend-states.js';

const row = (
  state: string | null,
  wait_event_type: string | null = null,
  wait_event: string | null = null,
) => ({
  state,
  wait_event_type,
  wait_event,
});

describe('classifyBackends', () => {
  test('the busiest connection counts: running, then in a transaction, then idle', () => {
    expect(classifyBackends([row('idle', 'Client', 'ClientRead'), row('active')])).toBe('postgres running');
    expect(classifyBackends([row('active', 'IO', 'WalSync')])).toBe('postgres IO:WalSync');
    expect(classifyBackends([row('idle'), row('idle in transaction', 'Client', 'ClientRead')])).toBe(
      'in transaction, waiting for the service',
    );
    expect(classifyBackends([row('idle', 'Client', 'ClientRead'), row('idle')])).toBe('between transactions');
    expect(classifyBackends([])).toBe('no connection');
  });
});

describe('stateShares', () => {
  test('shares of the samples with a connection, largest first', () => {
    expect(
      stateShares([
        'no connection',
        'postgres running',
        'between transactions',
        'postgres running',
        'no connection',
      ]),
    ).toEqual({ 'postgres running': 2 / 3, 'between transactions': 1 / 3 });
    expect(stateShares([])).toEqual({});
  });
});
