import { MessageCatalog } from '@edr/contracts';
import { type Summary, mean, summarize } from '../stats.js';

/** One view change of the measured window: its view, the type of the event that caused it, applied_at − event_time. */
export interface LagSample {
  readonly view: string;
  readonly type: string | null;
  readonly lagMs: number;
}

/** Projection lag of one view, over all its changes (`source` "all") or those caused by one source topic's events. */
export interface LagRow {
  readonly view: string;
  readonly source: string;
  readonly lagMs: Summary;
}

/** The topic an event type is published on, from the catalog ("unknown" for a type it does not have). */
export const sourceTopicOf = (type: string | null): string =>
  MessageCatalog.definitions.find((d) => d.type === type)?.topic ?? 'unknown';

/** Per view (in first-seen order): all its changes, then one row per source topic, busiest first. */
export function lagRows(samples: readonly LagSample[]): LagRow[] {
  const byView = new Map<string, LagSample[]>();
  for (const s of samples) byView.set(s.view, [...(byView.get(s.view) ?? []), s]);
  const rows: LagRow[] = [];
  for (const [view, own] of byView) {
    rows.push({ view, source: 'all', lagMs: summarize(own.map((s) => s.lagMs))! });
    const bySource = new Map<string, number[]>();
    for (const s of own) {
      const source = sourceTopicOf(s.type);
      bySource.set(source, [...(bySource.get(source) ?? []), s.lagMs]);
    }
    const sources = [...bySource].sort(([a, x], [b, y]) => y.length - x.length || a.localeCompare(b));
    if (sources.length > 1) {
      for (const [source, values] of sources) rows.push({ view, source, lagMs: summarize(values)! });
    }
  }
  return rows;
}

/** What GET /health said about each view at one moment. */
export interface HealthSample {
  readonly at: number;
  readonly views: Readonly<Record<string, { readonly records: number; readonly seconds: number }>>;
}

export interface HealthLag {
  readonly view: string;
  readonly samples: number;
  readonly maxRecords: number;
  readonly meanRecords: number;
  readonly maxSeconds: number;
  /** Samples that found the view behind (records > 0). */
  readonly behindShare: number;
}

/** The lag /health reported per view over the samples (views in first-seen order). */
export function healthLag(samples: readonly HealthSample[]): HealthLag[] {
  const views = [...new Set(samples.flatMap((s) => Object.keys(s.views)))];
  return views.map((view) => {
    const readings = samples.flatMap((s) => (s.views[view] ? [s.views[view]] : []));
    const records = readings.map((r) => r.records);
    return {
      view,
      samples: readings.length,
      maxRecords: Math.max(0, ...records),
      meanRecords: mean(records) ?? 0,
      maxSeconds: Math.max(0, ...readings.map((r) => r.seconds)),
      behindShare: readings.length ? records.filter((r) => r > 0).length / readings.length : 0,
    };
  });
}

/** The views of a /health answer's `details.views` (terminus adds a `status` key beside them). */
export function viewsOfHealth(body: unknown): HealthSample['views'] {
  const views = (body as { details?: { views?: Record<string, unknown> } } | null)?.details?.views ?? {};
  const out: Record<string, { records: number; seconds: number }> = {};
  for (const [view, lag] of Object.entries(views)) {
    const { records, seconds } = (lag ?? {}) as { records?: unknown; seconds?: unknown };
    if (typeof records === 'number' && typeof seconds === 'number') out[view] = { records, seconds };
  }
  return out;
}
