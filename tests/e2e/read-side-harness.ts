import type { RunningService } from '@edr/testing';
import { getJson, waitFor } from '@edr/testing';

export type ViewName = 'orders' | 'customers' | 'sales';

interface Job {
  id: string;
  finishedAt: string | null;
  error: string | null;
  report: { equal?: boolean; replayed: number; differences?: unknown[]; rows: Record<string, number> } | null;
}

/** Starts a rebuild or verification in projection-service and waits for its report (fails on a failed job). */
export async function runViewJob(projection: RunningService, view: ViewName, mode: 'rebuild' | 'verify') {
  // 409 while another job runs (projection-service rebuilds views whose version changed when it boots).
  const started = await waitFor(
    `projection-service to take the ${mode} of ${view}`,
    async () => {
      const response = await fetch(`${projection.url}/admin/views/${view}/${mode}`, { method: 'POST' });
      const body = (await response.json()) as Job;
      if (response.status === 409) return undefined;
      if (response.status !== 202)
        throw new Error(`POST ${mode} ${view} → ${response.status} ${JSON.stringify(body)}`);
      return body;
    },
    120_000,
    200,
  );
  const job = await waitFor(
    `the ${mode} of ${view} to finish`,
    async () => {
      const { body } = await getJson<Job>(`${projection.url}/admin/views/jobs/${started.id}`);
      return body.finishedAt ? body : undefined;
    },
    120_000,
    100,
  );
  if (job.error !== null || job.report === null) throw new Error(`${mode} of ${view} failed: ${job.error}`);
  return job.report;
}

/** Resolves once every view reports no records behind on /health. */
export const viewsCaughtUp = (projection: RunningService) =>
  waitFor(
    'every view to have applied the whole log',
    async () => {
      const { body } = await getJson(`${projection.url}/health`);
      const views = (body.details?.views ?? {}) as Record<string, { records?: number }>;
      const lags = Object.entries(views).filter(([key]) => key !== 'status');
      // Views whose version changed are rebuilt when projection-service boots: wait for that too.
      const { body: versions } = await getJson(`${projection.url}/admin/views/versions`);
      return versions.reconciled && lags.length > 0 && lags.every(([, lag]) => lag.records === 0)
        ? views
        : undefined;
    },
    60_000,
    100,
  );
