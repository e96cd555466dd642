import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { StepResult } from '../result-model.js';
import { stepLabel } from './format.js';

export interface ChartPoint {
  readonly completedPerSecond: number;
  readonly latencyMs: number;
  readonly series: 'p50' | 'p99';
  readonly step: string;
  readonly order: number;
}

/** One p50 and one p99 point per step with approved sagas, in the order the steps ran. */
export function chartPoints(steps: readonly StepResult[]): ChartPoint[] {
  return [...steps]
    .sort((a, b) => a.offeredPerSecond - b.offeredPerSecond)
    .flatMap((s, order) => {
      const client = s.latencyMs.client;
      if (!client) return [];
      const base = { completedPerSecond: s.completedPerSecond, step: stepLabel(s), order };
      return [
        { ...base, series: 'p50' as const, latencyMs: Math.max(1, client.median) },
        { ...base, series: 'p99' as const, latencyMs: Math.max(1, client.p99) },
      ];
    });
}

/** Latency (202 → APPROVED, log scale) against completed sagas/s, with the latency targets as rules. */
export function chartSpec(points: readonly ChartPoint[], title: string): TopLevelSpec {
  const x = { field: 'completedPerSecond', type: 'quantitative' as const, title: 'completed sagas/s' };
  const y = {
    field: 'latencyMs',
    type: 'quantitative' as const,
    title: 'saga latency, 202 → APPROVED (ms, log scale)',
    scale: { type: 'log' as const },
  };
  return {
    title,
    width: 560,
    height: 320,
    background: 'white',
    layer: [
      {
        data: { values: [...points] },
        mark: { type: 'line', point: true },
        encoding: {
          x,
          y,
          order: { field: 'order' },
          color: { field: 'series', type: 'nominal', title: 'percentile' },
        },
      },
      {
        data: { values: points.filter((p) => p.series === 'p99') },
        mark: { type: 'text', dy: -10, fontSize: 10 },
        encoding: { x, y, text: { field: 'step' } },
      },
      {
        data: {
          values: [
            { latencyMs: 300, label: 'target median ≤ 300 ms' },
            { latencyMs: 1000, label: 'target p99 ≤ 1 s' },
          ],
        },
        layer: [
          { mark: { type: 'rule', strokeDash: [4, 4], color: 'gray' }, encoding: { y } },
          {
            mark: { type: 'text', align: 'left', dx: 4, dy: -6, color: 'gray', fontSize: 10 },
            encoding: { y, x: { datum: 0, type: 'quantitative' }, text: { field: 'label' } },
          },
        ],
      },
    ],
  };
}

/** Renders a vega-lite spec to SVG in Node: vega's SVG renderer needs no browser and no canvas. */
export async function renderSvg(spec: TopLevelSpec): Promise<string> {
  const view = new vega.View(vega.parse(compile(spec).spec), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
