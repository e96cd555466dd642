import { describe, expect, test } from '@jest/globals';
import { LabelOptionError, parseLabelBenchOptions } from './label-options.js';

describe('parseLabelBenchOptions', () => {
  test('defaults: 300 tasks with 1, 2 and 3 workers, into bench/results', () => {
    expect(parseLabelBenchOptions([])).toEqual({ tasks: 300, workers: [1, 2, 3], outDir: 'bench/results' });
  });

  test('takes tasks, workers and the output directory', () => {
    expect(parseLabelBenchOptions(['--tasks', '30', '--workers', '1,3', '--out', 'tmp'])).toEqual({
      tasks: 30,
      workers: [1, 3],
      outDir: 'tmp',
    });
    expect(parseLabelBenchOptions(['--help'])).toBe('help');
  });

  test('names a bad value and the rule', () => {
    expect(() => parseLabelBenchOptions(['--tasks', '0'])).toThrow(
      new LabelOptionError('--tasks is "0": must be a whole number from 1 to 100000'),
    );
    expect(() => parseLabelBenchOptions(['--workers', '2,1'])).toThrow(/must ascend/);
    expect(() => parseLabelBenchOptions(['--workers', '1,7'])).toThrow(/--workers is "7"/);
    expect(() => parseLabelBenchOptions(['--fast'])).toThrow(/unknown option --fast/);
  });
});
