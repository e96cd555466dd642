import { describe, expect, it } from '@jest/globals';
import { withDatabase } from './baselines.js';

describe('withDatabase', () => {
  it('points a URL at another database, keeping credentials and host', () => {
    expect(withDatabase('postgres://postgres:pw@127.0.0.1:5432/postgres', 'order_db')).toBe(
      'postgres://postgres:pw@127.0.0.1:5432/order_db',
    );
  });
});
