import { describe, expect, test } from '@jest/globals';
import {
  ProjectionOptionError,
  parseProjectionBenchOptions,
  projectionDefaults,
} from './projection-options.js';

describe('parseProjectionBenchOptions', () => {
  test('defaults: 30 orders/s for 10 + 60 s, 50,000 records before the rebuilds', () => {
    expect(parseProjectionBenchOptions([])).toEqual({
      rate: 30,
      warmup: 10,
      duration: 60,
      events: 50_000,
      skus: 8,
      outDir: 'bench/results',
    });
  });

  test('takes every option, and --help', () => {
    expect(
      parseProjectionBenchOptions([
        '--rate',
        '12.5',
        '--duration',
        '20',
        '--warmup',
        '0',
        '--events',
        '2000',
        '--skus',
        '3',
        '--out',
        'tmp/r',
      ]),
    ).toEqual({ rate: 12.5, duration: 20, warmup: 0, events: 2000, skus: 3, outDir: 'tmp/r' });
    expect(parseProjectionBenchOptions(['--rate', '5', '--help'])).toBe('help');
    expect(parseProjectionBenchOptions(['-h'])).toBe('help');
  });

  test.each([
    [['--rate', '0'], '--rate is "0": must be a number from 0.1 to 1000'],
    [['--rate'], '--rate is "": must be a number from 0.1 to 1000'],
    [['--duration', '2.5'], '--duration is "2.5": must be a whole number from 5 to 3600'],
    [['--events', '50k'], '--events is "50k": must be a whole number from 1000 to 10000000'],
    [['--warmup', '-1'], '--warmup is "-1": must be a whole number from 0 to 600'],
    [['--out'], '--out needs a directory, e.g. --out bench/results'],
  ])('%j is refused, naming the flag, the value and the rule', (argv, message) => {
    expect(() => parseProjectionBenchOptions(argv)).toThrow(new ProjectionOptionError(message));
  });

  test('an unknown option is named and the usage shown', () => {
    expect(() => parseProjectionBenchOptions(['--fast'])).toThrow(
      /unknown option --fast\n\nnpm run bench:projections/,
    );
    expect(projectionDefaults.events).toBeGreaterThanOrEqual(50_000);
  });
});
