import { describe, expect, it } from '@jest/globals';
import { sampleResult } from '../sample-result.js';
import { chartPoints, chartSpec, renderSvg } from './chart-svg.js';

describe('the latency chart', () => {
  const steps = sampleResult().steps;

  it('has a p50 and a p99 point per step with approved sagas', () => {
    const points = chartPoints(steps);
    expect(points.map((p) => `${p.step} ${p.series} ${p.latencyMs}`)).toEqual([
      '10/s p50 180',
      '10/s p99 420',
      '30/s p50 900',
      '30/s p99 4000',
    ]);
  });

  it('renders to an SVG document without a browser', async () => {
    const svg = await renderSvg(chartSpec(chartPoints(steps), 'test run'));
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('completed sagas/s');
    expect(svg).toContain('30/s');
  });
});
