import { parseArgs } from 'node:util';
import { z } from 'zod';
import { type ServiceName, Services, Workers } from '@edr/topology';

/** What one `npm run bench` does; every value has a default, `--quick` has smaller ones. */
export interface BenchOptions {
  readonly quick: boolean;
  /** Offered open-loop rates (orders/s), each a step of `warmup` + `duration` seconds. */
  readonly rates: readonly number[];
  readonly duration: number;
  readonly warmup: number;
  /** Seconds to wait, after a step's last POST, for its accepted sagas to finish; the rest count as unfinished. */
  readonly drain: number;
  /** Sequential sagas (one at a time): latency without queueing. */
  readonly sequential: number;
  readonly idle: number;
  /** First rate of the ramp; null: derived from the steps so far (see analysis/ramp.ts nextRampRate). */
  readonly rampStart: number | null;
  readonly rampFactor: number;
  /** At most this many ramp steps; 0 turns the ramp off. */
  readonly rampSteps: number;
  readonly rampDuration: number;
  /** A step whose p99 (202 → terminal event) is above this counts as saturated. */
  readonly p99Bound: number;
  readonly baselineSeconds: number;
  /** Connections of the commit-ceiling baseline: the services' pool size (libs/database createDataSource). */
  readonly pgPool: number;
  /** Bench orders spread over this many SKUs, so one hot stock row is not what the bench measures. */
  readonly skus: number;
  readonly out: string;
  /** Where the services write V8 CPU profiles (node --cpu-prof), one per service at its exit; null: no profiles. */
  readonly cpuProf: string | null;
  /**
   * The flash sale: a step whose orders all take the same one SKU (one stock row). Its offered rate; null: the
   * rate of the ceiling (the highest that held; when none held, the lowest offered); 0 skips it.
   */
  readonly flashSaleRate: number | null;
  /** Apps (`apps/<name>`) left out of the system, for diagnosis; empty: the whole system (the headline). */
  readonly without: readonly string[];
  /** A git ref to run the same bench on first and compare with (compare mode); null: one run. */
  readonly compare: string | null;
}

type Defaults = Omit<BenchOptions, 'quick' | 'out' | 'cpuProf' | 'without' | 'compare'>;

const fullDefaults: Defaults = {
  rates: [10, 20, 30, 45, 60, 80],
  duration: 60,
  warmup: 5,
  drain: 30,
  sequential: 200,
  idle: 30,
  rampStart: null,
  rampFactor: 1.25,
  rampSteps: 8,
  rampDuration: 20,
  p99Bound: 1000,
  baselineSeconds: 10,
  pgPool: 10,
  skus: 8,
  flashSaleRate: null,
};

/** The apps the bench cannot do without: it posts orders, seeds stock, waits for its customer, and sagas end. */
const neededServices: readonly ServiceName[] = ['order', 'payment', 'inventory', 'shipping', 'customer'];
const needed = new Set<string>(neededServices.map((name) => Services[name].app));
/** What --without accepts: every app of the system the bench can run without. */
export const optionalApps: readonly string[] = [
  ...Object.values(Services).map((s) => s.app),
  ...Object.values(Workers).map((w) => w.app),
].filter((app) => !needed.has(app));

/** `--quick`: the same phases, fewer and shorter, to finish in under 4 minutes on two cores once built (the flash sale included). */
const quickDefaults: Defaults = {
  ...fullDefaults,
  rates: [10, 30],
  duration: 8,
  warmup: 2,
  drain: 6,
  sequential: 20,
  idle: 10,
  // Fewer, wider ramp steps: the bisection between held and saturated rates still narrows the ceiling down.
  rampFactor: 1.5,
  rampSteps: 3,
  rampDuration: 6,
  baselineSeconds: 3,
};

export class OptionError extends Error {
  override readonly name = 'OptionError';
}

const renamed: Record<string, string> = {
  sagas: '--sequential N (sequential sagas)',
  rate: '--rates R1,R2,… (open-loop rates)',
  orders: 'nothing: the POST → view measurement is gone; the projection shows up in the consumer lag',
};

interface NumberRule {
  /** What the number counts, e.g. "seconds". */
  readonly what: string;
  /** An example of a good value. */
  readonly fix: string;
  readonly whole?: boolean;
  /** Lowest accepted value; `above` excludes it. */
  readonly min?: number;
  readonly above?: number;
}

/** A number option with one clear message per bad value (the first rule it breaks). */
const numeric = (rule: NumberRule) =>
  z.string().transform((text, ctx) => {
    const value = text.trim() === '' ? Number.NaN : Number(text);
    const fail = (message: string) => {
      ctx.addIssue({ code: 'custom', message: `${message}; ${rule.fix}` });
      return z.NEVER;
    };
    if (!Number.isFinite(value)) return fail(`must be a number (${rule.what})`);
    if (rule.whole && !Number.isInteger(value)) return fail(`must be a whole number (${rule.what})`);
    if (rule.above !== undefined && !(value > rule.above)) {
      return fail(`must be above ${rule.above} (${rule.what})`);
    }
    if (rule.min !== undefined && value < rule.min) return fail(`must be ${rule.min} or more (${rule.what})`);
    return value;
  });

const schema = z.object({
  rates: z
    .string()
    .trim()
    .regex(
      /^\d+(\.\d+)?(,\d+(\.\d+)?)*$/,
      'must be a comma-separated list of rates in orders per second, e.g. --rates 10,30,60',
    )
    .transform((list) => list.split(',').map(Number))
    .refine((rates) => rates.every((r) => r > 0), 'every rate must be above 0, e.g. --rates 10,30,60')
    .optional(),
  duration: numeric({ what: 'seconds', above: 0, fix: 'e.g. --duration 60' }).optional(),
  warmup: numeric({ what: 'seconds', min: 0, fix: 'e.g. --warmup 5 (0 for none)' }).optional(),
  drain: numeric({ what: 'seconds', above: 0, fix: 'e.g. --drain 30' }).optional(),
  sequential: numeric({
    what: 'sagas',
    whole: true,
    min: 0,
    fix: 'e.g. --sequential 200 (0 skips)',
  }).optional(),
  idle: numeric({ what: 'seconds', min: 0, fix: 'e.g. --idle 30 (0 skips)' }).optional(),
  'ramp-start': numeric({
    what: 'orders per second',
    above: 0,
    fix: 'e.g. --ramp-start 40, or leave it out to start above the fixed rates that held',
  }).optional(),
  'ramp-factor': numeric({
    what: 'each ramp step offers that many times the last',
    above: 1,
    fix: 'e.g. --ramp-factor 1.25',
  }).optional(),
  'ramp-steps': numeric({
    what: 'steps',
    whole: true,
    min: 0,
    fix: 'e.g. --ramp-steps 8 (0 turns the ramp off)',
  }).optional(),
  'ramp-duration': numeric({ what: 'seconds', above: 0, fix: 'e.g. --ramp-duration 20' }).optional(),
  'p99-bound': numeric({ what: 'milliseconds', above: 0, fix: 'e.g. --p99-bound 1000' }).optional(),
  'baseline-seconds': numeric({ what: 'seconds', above: 0, fix: 'e.g. --baseline-seconds 10' }).optional(),
  'pg-pool': numeric({ what: 'connections', whole: true, min: 1, fix: 'e.g. --pg-pool 10' }).optional(),
  skus: numeric({ what: 'SKUs', whole: true, min: 1, fix: 'e.g. --skus 8' }).optional(),
  out: z.string().trim().min(1, 'must be a directory, e.g. --out bench/results').optional(),
  'cpu-prof': z.string().trim().min(1, 'must be a directory, e.g. --cpu-prof bench/profiles').optional(),
  'flash-sale-rate': numeric({
    what: 'orders per second',
    min: 0,
    fix: 'e.g. --flash-sale-rate 20 (0 skips the flash sale)',
  }).optional(),
  without: z
    .string()
    .transform((list) => list.split(',').map((name) => name.trim()))
    .superRefine((names, ctx) => {
      for (const name of names) {
        if (optionalApps.includes(name)) continue;
        ctx.addIssue({
          code: 'custom',
          message: needed.has(name)
            ? `the bench cannot run without ${name} (it needs ${[...needed].join(', ')}); leave only ${optionalApps.join(', ')} out`
            : `"${name}" is not an app of the system; use a comma-separated list of ${optionalApps.join(', ')}`,
        });
      }
    })
    .optional(),
  compare: z
    .string()
    .trim()
    .regex(
      /^[A-Za-z0-9][A-Za-z0-9._/~^@{}-]*$/,
      'must be a git ref (a commit, branch or tag), e.g. --compare 62789d6 or --compare main',
    )
    .optional(),
});

const stringOptions = [
  'rates',
  'duration',
  'warmup',
  'drain',
  'sequential',
  'idle',
  'ramp-start',
  'ramp-factor',
  'ramp-steps',
  'ramp-duration',
  'p99-bound',
  'baseline-seconds',
  'pg-pool',
  'skus',
  'out',
  'cpu-prof',
  'flash-sale-rate',
  'without',
  'compare',
] as const;

export const usage = `Usage: npm run bench -- [--quick] [options]
  --quick                  fewer rates, shorter steps, smaller baselines (under 4 minutes on two cores once built)
  --rates 10,20,30         open-loop rates in orders/s (default ${fullDefaults.rates.join(',')}; quick ${quickDefaults.rates.join(',')})
  --duration S             seconds measured per rate (default ${fullDefaults.duration}; quick ${quickDefaults.duration})
  --warmup S               seconds at the rate before measuring (default ${fullDefaults.warmup}; quick ${quickDefaults.warmup})
  --drain S                seconds to wait for a step's sagas after its last POST (default ${fullDefaults.drain}; quick ${quickDefaults.drain})
  --sequential N           sequential sagas (default ${fullDefaults.sequential}; quick ${quickDefaults.sequential}; 0 skips)
  --idle S                 idle-stack CPU measurement (default ${fullDefaults.idle}; quick ${quickDefaults.idle}; 0 skips)
  --ramp-start R           first ramp rate (default: between the highest rate that held and the lowest above it
                           that saturated; one factor above or below when there is only one of them)
  --ramp-factor F          rate multiplier per ramp step, and how close the bounds get (default ${fullDefaults.rampFactor}; quick ${quickDefaults.rampFactor})
  --ramp-steps N           at most N ramp steps (default ${fullDefaults.rampSteps}; quick ${quickDefaults.rampSteps}; 0 turns it off)
  --ramp-duration S        seconds measured per ramp step (default ${fullDefaults.rampDuration}; quick ${quickDefaults.rampDuration})
  --p99-bound MS           p99 above this counts as saturated (default ${fullDefaults.p99Bound})
  --baseline-seconds S     length of each baseline (default ${fullDefaults.baselineSeconds}; quick ${quickDefaults.baselineSeconds})
  --pg-pool N              connections of the commit-ceiling baseline (default ${fullDefaults.pgPool}, the services' pool)
  --skus N                 SKUs the bench orders are spread over (default ${fullDefaults.skus})
  --out DIR                where the JSON, markdown and SVG go (default bench/results)
  --flash-sale-rate R      the flash sale: a step whose orders all take one SKU (one stock row), at R orders/s
                           (default: the ceiling's offered rate; 0 skips it); reported with its ratio to the
                           ${fullDefaults.skus}-SKU step at that rate
  --without APP,…          leave apps out, for diagnosis (${optionalApps.join(', ')}); the default, and the
                           headline, is the whole system as \`npm run demo\` runs it
  --cpu-prof DIR           every service and worker writes a V8 CPU profile (node --cpu-prof) into DIR at the end
  --compare REF            run the same bench on git ref REF first (a scratch worktree under .bench/worktrees with
                           this tree's tools/bench), then on this tree, and print each figure side by side with
                           the ratio new ÷ old (also written to the --out directory)`;

/** Parses `npm run bench -- …` arguments; throws OptionError naming the option, its value and the fix. */
export function parseBenchOptions(argv: readonly string[]): BenchOptions | 'help' {
  let parsed: ReturnType<typeof parseOnce>;
  try {
    parsed = parseOnce(argv);
  } catch (error) {
    const message = (error as Error).message;
    const unknown = /Unknown option '--?([^']+)'/.exec(message)?.[1];
    if (unknown && renamed[unknown]) {
      throw new OptionError(`--${unknown} is gone: use ${renamed[unknown]}\n\n${usage}`);
    }
    throw new OptionError(`${message}\n\n${usage}`);
  }
  const { values } = parsed;
  if (values.help) return 'help';
  const result = schema.safeParse(Object.fromEntries(stringOptions.map((name) => [name, values[name]])));
  if (!result.success) {
    const lines = result.error.issues.map((issue) => {
      const name = String(issue.path[0]);
      return `  --${name} "${values[name as (typeof stringOptions)[number]]}": ${issue.message}`;
    });
    throw new OptionError(`Invalid bench options:\n${lines.join('\n')}\n\n${usage}`);
  }
  const v = result.data;
  const quick = values.quick === true;
  const d = quick ? quickDefaults : fullDefaults;
  return {
    quick,
    rates: v.rates ?? d.rates,
    duration: v.duration ?? d.duration,
    warmup: v.warmup ?? d.warmup,
    drain: v.drain ?? d.drain,
    sequential: v.sequential ?? d.sequential,
    idle: v.idle ?? d.idle,
    rampStart: v['ramp-start'] ?? d.rampStart,
    rampFactor: v['ramp-factor'] ?? d.rampFactor,
    rampSteps: v['ramp-steps'] ?? d.rampSteps,
    rampDuration: v['ramp-duration'] ?? d.rampDuration,
    p99Bound: v['p99-bound'] ?? d.p99Bound,
    baselineSeconds: v['baseline-seconds'] ?? d.baselineSeconds,
    pgPool: v['pg-pool'] ?? d.pgPool,
    skus: v.skus ?? d.skus,
    out: v.out ?? 'bench/results',
    cpuProf: v['cpu-prof'] ?? null,
    flashSaleRate: v['flash-sale-rate'] ?? d.flashSaleRate,
    without: [...new Set(v.without ?? [])],
    compare: v.compare ?? null,
  };
}

function parseOnce(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    strict: true,
    allowPositionals: false,
    options: {
      quick: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
      ...Object.fromEntries(stringOptions.map((name) => [name, { type: 'string' as const }])),
    } as Record<(typeof stringOptions)[number], { type: 'string' }> & {
      quick: { type: 'boolean' };
      help: { type: 'boolean'; short: 'h' };
    },
  });
}
