/** One step of the label bench: what the tasks table says about its tasks. */
export interface LabelStepResult {
  readonly workers: number;
  readonly tasks: number;
  readonly done: number;
  /** First task queued → last task finished: what a client waiting for its labels sees. */
  readonly endToEndSeconds: number;
  /** First task started → last task finished: the workers' own rate. */
  readonly workSeconds: number;
  readonly tasksPerSecond: number;
  readonly endToEndTasksPerSecond: number;
  /** Tasks each worker finished (tasks.worker_id). */
  readonly shares: Readonly<Record<string, number>>;
  /** Attempts over all tasks divided by tasks: 1 unless tasks were retried or redelivered. */
  readonly attemptsPerTask: number;
}

export interface LabelTaskTimes {
  readonly done: number;
  readonly attempts: number;
  readonly firstQueued: Date;
  readonly firstStarted: Date;
  readonly lastFinished: Date;
  readonly shares: Readonly<Record<string, number>>;
}

const round = (n: number, digits: number) => Number(n.toFixed(digits));

export function labelStepResult(workers: number, tasks: number, times: LabelTaskTimes): LabelStepResult {
  const endToEnd = (times.lastFinished.getTime() - times.firstQueued.getTime()) / 1000;
  const work = (times.lastFinished.getTime() - times.firstStarted.getTime()) / 1000;
  return {
    workers,
    tasks,
    done: times.done,
    endToEndSeconds: round(endToEnd, 3),
    workSeconds: round(work, 3),
    tasksPerSecond: work > 0 ? round(times.done / work, 1) : 0,
    endToEndTasksPerSecond: endToEnd > 0 ? round(times.done / endToEnd, 1) : 0,
    shares: times.shares,
    attemptsPerTask: tasks > 0 ? round(times.attempts / tasks, 3) : 0,
  };
}

export function labelMarkdown(startedAt: string, steps: readonly LabelStepResult[]): string {
  const first = steps[0]?.tasksPerSecond ?? 0;
  const rows = steps.map((s) => {
    const shares = Object.entries(s.shares)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([worker, n]) => `${worker} ${n}`)
      .join(', ');
    const speedup = first > 0 ? `${(s.tasksPerSecond / first).toFixed(2)}×` : '–';
    return `| ${s.workers} | ${s.done}/${s.tasks} | ${s.tasksPerSecond} | ${speedup} | ${s.endToEndTasksPerSecond} | ${s.attemptsPerTask} | ${shares} |`;
  });
  return [
    `# Label bench ${startedAt}`,
    '',
    'Label tasks (RenderShippingLabel: PDF with a Code 128 barcode) per second by the number of label-worker',
    'instances in the group `label-worker`. Work rate: first task started → last finished; end to end: first task',
    'queued → last finished (tasks table timestamps).',
    '',
    '| Workers | Done | Tasks/s (work) | vs 1 worker | Tasks/s (end to end) | Attempts/task | Share per worker |',
    '| ------- | ---- | -------------- | ----------- | -------------------- | ------------- | ---------------- |',
    ...rows,
    '',
  ].join('\n');
}
