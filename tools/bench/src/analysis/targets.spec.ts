import { describe, expect, it } from '@jest/globals';
import { sampleResult } from '../sample-result.js';
import { loadedStep, targetRows } from './targets.js';

describe('targetRows', () => {
  const r = sampleResult();
  const rows = targetRows({
    steps: r.steps,
    sequential: r.sequential,
    idle: r.idle,
    ceiling: r.ceiling,
    pssPeak: r.pssPeak,
  });
  const row = (prefix: string) => rows.find((t) => t.figure.startsWith(prefix))!;

  it('reads latency at 30/s from the 30/s step', () => {
    expect(row('saga latency at 30')).toMatchObject({ measured: '900 ms / 4000 ms', met: false });
  });

  it('settles the relay-lag target only when the bounds agree', () => {
    // At 30/s: estimate 12/40 ms meets it, the upper bound 20/60 ms meets it too.
    expect(row('Debezium relay lag')).toMatchObject({ met: true });
    const slow = r.steps.map((s) => ({
      ...s,
      relayLagMs: { ...s.relayLagMs, toBenchConsumer: { ...s.relayLagMs.toBenchConsumer!, p99: 150 } },
    }));
    const open = targetRows({
      steps: slow,
      sequential: r.sequential,
      idle: r.idle,
      ceiling: r.ceiling,
      pssPeak: r.pssPeak,
    });
    expect(open.find((t) => t.figure.startsWith('Debezium relay lag'))).toMatchObject({ met: null });
  });

  it('checks the overload target on steps offered at least twice the ceiling', () => {
    // Ceiling 9.8/s; the 30/s step completed 8.2/s (0.84 of it) and timed 12 out.
    expect(row('offered ≥ 2 × the ceiling')).toMatchObject({
      measured: '0.84 at 30/s offered (0 refused), 12 timed out',
      met: false,
    });
  });

  it('takes CPU per saga from the held step that completed most', () => {
    expect(loadedStep(r.steps)?.offeredPerSecond).toBe(10);
    expect(row('CPU per saga')).toMatchObject({ measured: '80 ms', met: false });
  });
});
