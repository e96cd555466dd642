import type { Ceiling, IdleResult, SequentialResult, StepResult, TargetRow } from '../result-model.js';
import type { PssSnapshot } from '../probes/pss.js';
import type { Summary } from '../stats.js';

/** The figures issue 8 sets targets for, as this run measured them. */
export interface TargetInputs {
  readonly steps: readonly StepResult[];
  readonly sequential: SequentialResult | null;
  readonly idle: IdleResult | null;
  readonly ceiling: Ceiling;
  readonly pssPeak: PssSnapshot | null;
}

const ms = (value: number | undefined | null) =>
  value === undefined || value === null ? '–' : `${Math.round(value)} ms`;
const medianP99 = (s: Summary | null) => (s ? `${ms(s.median)} / ${ms(s.p99)}` : '–');
const atMost = (value: number | null | undefined, bound: number) =>
  value === null || value === undefined ? null : value <= bound;
const both = (a: boolean | null, b: boolean | null) => (a === null || b === null ? null : a && b);

/** The step that shows the stack under load: the held step that completed most, else any step that did. */
export function loadedStep(steps: readonly StepResult[]): StepResult | undefined {
  const held = steps.filter((s) => !s.verdict.saturated);
  return (held.length ? held : steps).reduce<StepResult | undefined>(
    (best, s) => (!best || s.completedPerSecond > best.completedPerSecond ? s : best),
    undefined,
  );
}

/** Issue 8, item 3: offered twice the ceiling, the stack keeps completing near its ceiling and times nothing out. */
function overloadRow(steps: readonly StepResult[], ceiling: Ceiling): TargetRow {
  const figure = 'offered ≥ 2 × the ceiling: completed ÷ ceiling, timed-out accepted sagas';
  const target = '≥ 0.9, none';
  const ceilingRate = ceiling.sagasPerSecond;
  const over = ceilingRate === null ? [] : steps.filter((s) => s.offeredPerSecond >= 2 * ceilingRate);
  if (ceilingRate === null || over.length === 0) {
    return {
      figure,
      target,
      measured: ceilingRate === null ? 'no ceiling' : 'no step offered that much',
      met: null,
    };
  }
  const worst = over.reduce((a, b) => (b.completedPerSecond < a.completedPerSecond ? b : a));
  const share = worst.completedPerSecond / ceilingRate;
  return {
    figure,
    target,
    measured: `${share.toFixed(2)} at ${worst.offeredPerSecond}/s offered (${worst.posts.refused} refused), ${worst.outcomes.timedOut} timed out`,
    met: share >= 0.9 && worst.outcomes.timedOut === 0,
  };
}

export function targetRows(input: TargetInputs): TargetRow[] {
  const { steps, sequential, idle, ceiling, pssPeak } = input;
  const at30 = steps.find((s) => s.offeredPerSecond === 30 && s.phase === 'rate');
  const loaded = loadedStep(steps);
  const longest = Math.max(0, ...steps.map((s) => s.durationSeconds));
  const relay = at30?.relayLagMs ?? sequential?.relayLagMs;
  const relayWhere = at30 ? 'at 30/s' : 'sequential';
  const estimate = relay?.toRecordTimestamp ?? null;
  const upper = relay?.toBenchConsumer ?? null;
  const meets = (s: Summary | null) => (s ? both(atMost(s.median, 30), atMost(s.p99, 100)) : null);
  // The upper bound meeting the target settles it; the estimate failing it too; in between it stays open.
  const relayMet = meets(upper) === true ? true : meets(estimate) === false ? false : null;
  return [
    {
      figure: `sustained completed sagas/s, no failed or timed-out saga (steps of ${longest} s)`,
      target: '≥ 60',
      measured:
        ceiling.sagasPerSecond === null
          ? `none held (best ${ceiling.bestCompletedPerSecond.toFixed(1)}/s while saturated)`
          : `${ceiling.sagasPerSecond.toFixed(1)} (at ${ceiling.atOfferedPerSecond}/s offered; ${ceiling.stoppedBecause})`,
      met: ceiling.sagasPerSecond === null ? false : ceiling.sagasPerSecond >= 60,
    },
    overloadRow(steps, ceiling),
    {
      figure: 'saga latency at 30 orders/s offered, 202 → APPROVED, median / p99',
      target: '≤ 300 ms / ≤ 1 s',
      measured: at30
        ? at30.latencyMs.client
          ? medianP99(at30.latencyMs.client)
          : 'no saga approved'
        : 'not measured (30 not among --rates)',
      met: at30
        ? at30.latencyMs.client
          ? both(atMost(at30.latencyMs.client.median, 300), atMost(at30.latencyMs.client.p99, 1000))
          : false
        : null,
    },
    {
      figure: 'sequential saga latency median, 202 → APPROVED (server side in brackets)',
      target: '≤ 200 ms',
      measured: sequential?.latencyMs.client
        ? `${ms(sequential.latencyMs.client.median)} (${ms(sequential.latencyMs.server?.median)})`
        : 'not measured',
      met: atMost(sequential?.latencyMs.client?.median, 200),
    },
    {
      figure: `Debezium relay lag median / p99 (${relayWhere}): estimate · upper bound`,
      target: '≤ 30 ms / ≤ 100 ms',
      measured: relay ? `${medianP99(estimate)} · ${medianP99(upper)}` : 'not measured',
      met: relayMet,
    },
    {
      figure: 'CPU of the idle stack',
      target: '≤ 0.15 cores',
      measured: idle ? `${idle.cpu.stackCores.toFixed(2)} cores` : 'not measured',
      met: atMost(idle?.cpu.stackCores, 0.15),
    },
    {
      figure: `CPU per saga, all processes${loaded ? ` (at ${loaded.offeredPerSecond}/s offered)` : ''}`,
      target: '≤ 25 ms',
      measured: loaded?.perSaga.cpuMs != null ? ms(loaded.perSaga.cpuMs) : 'not measured',
      met: atMost(loaded?.perSaga.cpuMs, 25),
    },
    {
      figure: 'memory of the whole stack, PSS (peak)',
      target: '≤ 1.5 GiB',
      measured: pssPeak ? `${(pssPeak.totalMiB / 1024).toFixed(2)} GiB` : 'not measured',
      met: atMost(pssPeak ? pssPeak.totalMiB : null, 1536),
    },
  ];
}
