import { describe, expect, it } from '@jest/globals';
import { databasesOf } from './pg-transactions.js';

describe('databasesOf', () => {
  it('names each database once, whatever the layout', () => {
    expect(
      databasesOf([
        'postgres://order_svc:order_svc@127.0.0.1:5432/order_db',
        'postgres://payment_svc:payment_svc@127.0.0.1:5432/payment_db',
      ]),
    ).toEqual(['order_db', 'payment_db']);
    expect(
      databasesOf([
        'postgres://order_svc:order_svc@127.0.0.1:5432/edr?sslmode=disable',
        'postgres://payment_svc:payment_svc@127.0.0.1:5432/edr',
      ]),
    ).toEqual(['edr']);
  });
});
