export interface LabelBenchOptions {
  /** Label tasks per step. */
  readonly tasks: number;
  /** Worker instances per step, ascending: each step starts the instances the step before lacks. */
  readonly workers: readonly number[];
  readonly outDir: string;
}

export class LabelOptionError extends Error {
  override readonly name = 'LabelOptionError';
}

export const labelUsage = `npm run bench:labels -- [--tasks N] [--workers 1,2,3] [--out DIR]

Label tasks per second with 1, 2 and 3 label-worker instances (competing consumers), in one run: per step, N
ScheduleShipment commands go to shipping-service, each booking enqueues a RenderShippingLabel task, and the step
ends when every task is DONE. Throughput and each worker's share come from the tasks table (queued_at, started_at,
finished_at, worker_id). Writes <dir>/labels-<UTC time>.{json,md}.

  --tasks N        tasks per step (default 300)
  --workers LIST   instances per step, ascending, 1 to 6 (default 1,2,3)
  --out DIR        where the results go (default bench/results)`;

const whole = (flag: string, value: string | undefined, min: number, max: number): number => {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < min || n > max) {
    throw new LabelOptionError(`${flag} is "${value ?? ''}": must be a whole number from ${min} to ${max}`);
  }
  return n;
};

export function parseLabelBenchOptions(argv: readonly string[]): LabelBenchOptions | 'help' {
  let tasks = 300;
  let workers: number[] = [1, 2, 3];
  let outDir = 'bench/results';
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') return 'help';
    if (flag === '--tasks') {
      tasks = whole(flag, value, 1, 100_000);
    } else if (flag === '--workers') {
      workers = (value ?? '').split(',').map((part) => whole(flag, part.trim(), 1, 6));
      if (workers.some((n, k) => k > 0 && n <= workers[k - 1]!)) {
        throw new LabelOptionError(`--workers is "${value}": must ascend, e.g. 1,2,3`);
      }
    } else if (flag === '--out') {
      if (!value) throw new LabelOptionError('--out needs a directory, e.g. bench/results');
      outDir = value;
    } else {
      throw new LabelOptionError(`unknown option ${flag}\n\n${labelUsage}`);
    }
    i += 1;
  }
  return { tasks, workers, outDir };
}
