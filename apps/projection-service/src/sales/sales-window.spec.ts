import { describe, expect, test } from '@jest/globals';
import {
  centsAsDecimal,
  classifySale,
  isFinal,
  saleLinesOf,
  watermarkOf,
  windowEndOf,
  windowStartOf,
} from './sales-window.js';

const at = (time: string) => new Date(`2026-03-01T${time}Z`);
const L = 30_000;

describe('windowStartOf / windowEndOf', () => {
  test('a window is the minute the event falls in: start inclusive, end exclusive', () => {
    expect(windowStartOf(at('10:00:00.000'))).toEqual(at('10:00:00'));
    expect(windowStartOf(at('10:00:59.999'))).toEqual(at('10:00:00'));
    expect(windowStartOf(at('10:01:00.000'))).toEqual(at('10:01:00'));
    expect(windowEndOf(at('10:00:00'))).toEqual(at('10:01:00'));
  });

  test('an offset in the event time is honoured (the window is an instant, not a wall-clock minute)', () => {
    expect(windowStartOf(new Date('2026-03-01T12:00:30.5+02:00'))).toEqual(at('10:00:00'));
  });

  test('before 1970 too (floor, not truncation)', () => {
    expect(windowStartOf(new Date('1969-12-31T23:59:30Z'))).toEqual(new Date('1969-12-31T23:59:00Z'));
  });
});

describe('classifySale', () => {
  test("a stream's first sale is on time, with no watermark yet, and sets the stream's event time", () => {
    expect(classifySale(at('10:00:10'), null, L)).toEqual({
      windowStart: at('10:00:00'),
      windowEnd: at('10:01:00'),
      outcome: 'on-time',
      watermark: null,
      maxEventTime: at('10:00:10'),
    });
  });

  test('a later sale advances the event time; an earlier one in a window still open is on time and does not', () => {
    expect(classifySale(at('10:01:20'), at('10:00:10'), L)).toMatchObject({
      outcome: 'on-time',
      watermark: at('09:59:40'),
      maxEventTime: at('10:01:20'),
    });
    expect(classifySale(at('10:01:05'), at('10:01:20'), L)).toMatchObject({
      windowStart: at('10:01:00'),
      outcome: 'on-time',
      maxEventTime: at('10:01:20'),
    });
  });

  test('on time while the window end is after the latest event time; at the end itself it is late', () => {
    expect(classifySale(at('10:00:59.999'), at('10:00:59.999'), L).outcome).toBe('on-time');
    expect(classifySale(at('10:00:30'), at('10:00:59.999'), L).outcome).toBe('on-time');
    expect(classifySale(at('10:00:30'), at('10:01:00'), L).outcome).toBe('late');
  });

  test('late while the window end is after the watermark; too late once the watermark reaches the end', () => {
    // Window 10:00–10:01, lateness 30 s: the window takes sales until the stream's event time reaches 10:01:30.
    expect(classifySale(at('10:00:40'), at('10:01:29.999'), L)).toMatchObject({
      outcome: 'late',
      watermark: at('10:00:59.999'),
    });
    expect(classifySale(at('10:00:40'), at('10:01:30'), L)).toMatchObject({
      outcome: 'too-late',
      watermark: at('10:01:00'),
      maxEventTime: at('10:01:30'),
    });
    expect(classifySale(at('09:00:00'), at('10:01:30'), L).outcome).toBe('too-late');
  });

  test('with no allowed lateness a sale for an ended window is too late at once', () => {
    expect(classifySale(at('10:00:40'), at('10:01:00'), 0).outcome).toBe('too-late');
    expect(classifySale(at('10:00:40'), at('10:00:59'), 0).outcome).toBe('on-time');
  });

  test('the watermark only moves forward', () => {
    const first = classifySale(at('10:02:00'), null, L);
    const second = classifySale(at('10:01:00'), first.maxEventTime, L);
    expect(second.maxEventTime).toEqual(at('10:02:00'));
    expect(watermarkOf(second.maxEventTime, L)).toEqual(at('10:01:30'));
  });
});

describe('isFinal', () => {
  test('final once the watermark reaches the window end on every partition that has seen the SKU', () => {
    expect(isFinal(at('10:00:00'), [at('10:01:30')], L)).toBe(true);
    expect(isFinal(at('10:00:00'), [at('10:01:29.999')], L)).toBe(false);
    expect(isFinal(at('10:00:00'), [at('10:05:00'), at('10:01:00')], L)).toBe(false);
    expect(isFinal(at('10:00:00'), [at('10:05:00'), at('10:01:30')], L)).toBe(true);
  });

  test('never final for a SKU no partition has a watermark for', () => {
    expect(isFinal(at('10:00:00'), [], L)).toBe(false);
  });
});

describe('saleLinesOf', () => {
  test('sums the lines of one SKU, in cents, sorted by SKU', () => {
    expect(
      saleLinesOf([
        { sku: 'B', quantity: 2, unitPrice: 9.99 },
        { sku: 'A', quantity: 1, unitPrice: 0.1 },
        { sku: 'B', quantity: 1, unitPrice: 0.01 },
      ]),
    ).toEqual([
      { sku: 'A', units: 1, cents: 10 },
      { sku: 'B', units: 3, cents: 1999 },
    ]);
  });

  test('prices whose binary fraction is inexact still give whole cents', () => {
    expect(saleLinesOf([{ sku: 'X', quantity: 3, unitPrice: 1.15 }])).toEqual([
      { sku: 'X', units: 3, cents: 345 },
    ]);
  });
});

describe('centsAsDecimal', () => {
  test('formats cents as an exact decimal', () => {
    expect(centsAsDecimal(0)).toBe('0.00');
    expect(centsAsDecimal(5)).toBe('0.05');
    expect(centsAsDecimal(1999)).toBe('19.99');
    expect(centsAsDecimal(1_000_000_000_001)).toBe('10000000000.01');
    expect(centsAsDecimal(-250)).toBe('-2.50');
  });
});
