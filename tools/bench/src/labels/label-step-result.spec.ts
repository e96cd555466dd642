import { describe, expect, test } from '@jest/globals';
import { labelMarkdown, labelStepResult } from './label-step-result.js';

const at = (s: number) => new Date(Date.UTC(2026, 11, 2, 10, 0, 0) + s * 1000);

describe('labelStepResult', () => {
  test('rates over the work window and end to end, shares and attempts per task', () => {
    const result = labelStepResult(2, 300, {
      done: 300,
      attempts: 303,
      firstQueued: at(0),
      firstStarted: at(1),
      lastFinished: at(11),
      shares: { 'label-worker-1': 160, 'label-worker-2': 140 },
    });
    expect(result).toMatchObject({
      workers: 2,
      done: 300,
      workSeconds: 10,
      endToEndSeconds: 11,
      tasksPerSecond: 30,
      endToEndTasksPerSecond: 27.3,
      attemptsPerTask: 1.01,
    });
    const markdown = labelMarkdown('2026-12-02T10:00:00Z', [result]);
    expect(markdown).toContain(
      '| 2 | 300/300 | 30 | 1.00× | 27.3 | 1.01 | label-worker-1 160, label-worker-2 140 |',
    );
  });
});
