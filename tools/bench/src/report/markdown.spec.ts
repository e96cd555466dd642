import { describe, expect, it } from '@jest/globals';
import { ratiosOf } from '../analysis/ratios.js';
import { targetRows } from '../analysis/targets.js';
import { sampleResult } from '../sample-result.js';
import { renderMarkdown } from './markdown.js';

const completeSample = () => {
  const r = sampleResult();
  const limits = { pg: r.baselines.pgCommitCeiling, kafka: r.baselines.kafkaRoundTrip, cores: 2 };
  return {
    ...r,
    ratios: ratiosOf(r.steps, r.sequential, limits, r.ceiling),
    targets: targetRows({
      steps: r.steps,
      sequential: r.sequential,
      idle: r.idle,
      ceiling: r.ceiling,
      pssPeak: r.pssPeak,
    }),
  };
};

describe('renderMarkdown', () => {
  const markdown = renderMarkdown(completeSample(), '2026-12-02T03-00-00Z.svg');

  it('has every section the closing note needs', () => {
    for (const heading of [
      '# Benchmark 2026-12-02T03:00:00.000Z (--quick)',
      '## Targets (issue 8)',
      '## Throughput and latency per offered rate',
      '## Cost per saga',
      '## CPU per process (cores)',
      '## Idle stack (10 s, no load)',
      '## Memory (PSS, MiB)',
      '## Consumer lag per group',
      '## Sequential sagas (30, one at a time)',
      '## Baselines (same machine, same run)',
      '## Ratios to the limits',
      '## Definitions',
    ]) {
      expect(markdown).toContain(heading);
    }
    expect(markdown).toContain('![latency against completed throughput](2026-12-02T03-00-00Z.svg)');
  });

  it('shows a row per step with its latencies and verdict', () => {
    expect(markdown).toContain('| 10/s | 0 | 80 | 80 | 0 | 0 | 9.8 | 80 | 0 | 0 | 0 | 180 / 300 / 420 |');
    expect(markdown).toContain('saturated: completed 8.2/s < 90 % of 30/s offered; 12 timed out');
    expect(markdown).toContain('| ramp 12.5/s |');
  });

  it('names the commit and the system measured', () => {
    expect(markdown).toContain('Commit 62789d600000: a commit.');
    expect(markdown).toContain('(the whole system, as `npm run demo` runs it)');
    expect(markdown).toContain('Labels rendered during the run: 160.');
  });

  it('reports the flash sale against the spread-SKU rate, and its CPU per process', () => {
    expect(markdown).toContain('## Flash sale (every order on one SKU, one stock row) at 10/s offered');
    expect(markdown).toContain('| completed sagas/s | 7.9 | 9.8 | 0.81 |');
    expect(markdown).toMatch(/\| process \| idle \| 10\/s \| .*\| flash-sale 10\/s \|/);
    expect(markdown).toContain('## CPU per process per saga (ms)');
  });

  it('shows the baselines and the ratios to them', () => {
    expect(markdown).toContain('**PostgreSQL commit ceiling: 2000 commits/s** with 10 connections');
    expect(markdown).toContain('**max 10000 messages/s**');
    // 10/s step: 9.8 sagas/s × 12 write tx ÷ 2000 = 0.06; 9.8 × 11 ÷ 10000 = 0.01; 150 ms ÷ (6 × 3 ms) = 8.3.
    expect(markdown).toContain('| 10/s | 0.06 | 0.01 | 8.3 | 7.9 | 4.0 | 0.35 | 1.00 |');
  });

  it('marks targets met, missed or open', () => {
    expect(markdown).toMatch(/\| sustained completed sagas\/s.* \| ≥ 60 \| 9\.8 .* \| no \|/);
    expect(markdown).toMatch(/\| CPU of the idle stack \| ≤ 0\.15 cores \| 0\.35 cores \| no \|/);
    expect(markdown).toMatch(
      /\| memory of the whole stack, PSS \(peak\) \| ≤ 1\.5 GiB \| 1\.02 GiB \| yes \|/,
    );
  });
});
