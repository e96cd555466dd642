export interface ProjectionBenchOptions {
  /** Orders offered per second while the projection lag is measured. */
  readonly rate: number;
  /** Seconds of load before the measured window (same rate). */
  readonly warmup: number;
  /** Seconds of the measured window. */
  readonly duration: number;
  /** Records the order view's topics must hold before the rebuilds: topped up with synthetic orders if fewer. */
  readonly events: number;
  /** SKUs the bench orders are spread over. */
  readonly skus: number;
  readonly outDir: string;
}

export class ProjectionOptionError extends Error {
  override readonly name = 'ProjectionOptionError';
}

export const projectionDefaults: ProjectionBenchOptions = {
  rate: 30,
  warmup: 10,
  duration: 60,
  events: 50_000,
  skus: 8,
  outDir: 'bench/results',
};

export const projectionUsage = `npm run bench:projections -- [--rate N] [--duration S] [--warmup S] [--events N] [--skus N] [--out DIR]

The read side of the whole stack, in one run (prints and writes numbers, asserts nothing):

1. projection lag: orders offered open loop at --rate for --warmup + --duration seconds; for every view change whose
   event time lies in the measured window, applied_at − event_time from projection_db's view_changes (the event's
   decision in its producer → outbox → Debezium → Kafka → the projection's applying statement), per view and per
   source topic; /health's lag per view sampled every second; completed sagas/s and refusals;
2. rebuild speed: the order view's topics are topped up to --events records with synthetic orders (OrderPlaced +
   OrderApproved of a made-up customer, produced to order.events), the live projection catches up, then every view
   is rebuilt and verified through POST /admin/views/<view>/rebuild|verify: records replayed per second, the time
   the live side was held, CPU per process during each replay, and a Kafka-only read of the same topics.

Writes <dir>/projections-<UTC time>.{json,md}.

  --rate N        orders per second offered (default ${projectionDefaults.rate})
  --warmup S      seconds of load before the measured window (default ${projectionDefaults.warmup})
  --duration S    seconds of the measured window (default ${projectionDefaults.duration})
  --events N      records the order view's topics must hold before rebuilding (default ${projectionDefaults.events})
  --skus N        SKUs the bench orders are spread over (default ${projectionDefaults.skus})
  --out DIR       where the results go (default ${projectionDefaults.outDir})`;

const numberIn = (
  flag: string,
  value: string | undefined,
  { min, max, whole }: { min: number; max: number; whole: boolean },
): number => {
  const n = Number(value);
  const ok = value !== undefined && value.trim() !== '' && Number.isFinite(n) && n >= min && n <= max;
  if (!ok || (whole && !Number.isInteger(n))) {
    throw new ProjectionOptionError(
      `${flag} is "${value ?? ''}": must be a ${whole ? 'whole number' : 'number'} from ${min} to ${max}`,
    );
  }
  return n;
};

/** Parses the command line (without node and the script); throws ProjectionOptionError naming the flag and the rule. */
export function parseProjectionBenchOptions(argv: readonly string[]): ProjectionBenchOptions | 'help' {
  const options = { ...projectionDefaults };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i]!;
    const value = argv[i + 1];
    if (flag === '--help' || flag === '-h') return 'help';
    switch (flag) {
      case '--rate':
        options.rate = numberIn(flag, value, { min: 0.1, max: 1_000, whole: false });
        break;
      case '--warmup':
        options.warmup = numberIn(flag, value, { min: 0, max: 600, whole: true });
        break;
      case '--duration':
        options.duration = numberIn(flag, value, { min: 5, max: 3_600, whole: true });
        break;
      case '--events':
        options.events = numberIn(flag, value, { min: 1_000, max: 10_000_000, whole: true });
        break;
      case '--skus':
        options.skus = numberIn(flag, value, { min: 1, max: 100, whole: true });
        break;
      case '--out':
        if (!value || value.startsWith('--')) {
          throw new ProjectionOptionError('--out needs a directory, e.g. --out bench/results');
        }
        options.outDir = value;
        break;
      default:
        throw new ProjectionOptionError(`unknown option ${flag}\n\n${projectionUsage}`);
    }
    i += 1;
  }
  return options;
}
