import { sleep, wallMs } from '../clock.js';
import { type HealthSample, viewsOfHealth } from './lag-figures.js';
import type { JobReport } from './projection-result.js';

/** projection-service as the bench uses it: /health's lag per view and the rebuild jobs (rebuild/rebuild.controller.ts). */
export function projectionClient(baseUrl: string) {
  const health = async (): Promise<HealthSample> => {
    const response = await fetch(`${baseUrl}/health`);
    const at = wallMs();
    return { at, views: viewsOfHealth(await response.json().catch(() => null)) };
  };

  return {
    health,

    /** Samples /health every `intervalMs` until stopped; a failed reading is skipped, not made up. */
    sampleHealth(intervalMs: number, signal: AbortSignal) {
      const samples: HealthSample[] = [];
      let running = true;
      const loop = (async () => {
        while (running && !signal.aborted) {
          const due = wallMs() + intervalMs;
          try {
            samples.push(await health());
          } catch {
            // The service may be busy for a moment; the gap shows as a missing sample.
          }
          await sleep(due - wallMs(), signal);
        }
      })();
      return async (): Promise<HealthSample[]> => {
        running = false;
        await loop;
        return samples;
      };
    },

    /** Resolves with the time it took once every view is 0 records behind; rejects after `timeoutMs`. */
    async caughtUp(timeoutMs: number, signal: AbortSignal): Promise<number> {
      const started = wallMs();
      let last: HealthSample | null = null;
      while (!signal.aborted) {
        last = await health().catch(() => null);
        const views = Object.values(last?.views ?? {});
        if (views.length > 0 && views.every((v) => v.records === 0)) return wallMs() - started;
        if (wallMs() - started > timeoutMs) {
          throw new Error(
            `the views are still behind after ${timeoutMs / 1000} s: ${JSON.stringify(last?.views ?? {})}`,
          );
        }
        await sleep(500, signal);
      }
      throw new Error('stopped');
    },

    /**
     * Starts a rebuild or verification and follows the job until it has finished, telling `onPhase` the job's phase
     * (preparing, replaying, catching-up, …) after every poll.
     */
    async runJob(
      view: string,
      mode: 'rebuild' | 'verify',
      signal: AbortSignal,
      onPhase: (phase: string) => Promise<void> = async () => undefined,
    ): Promise<{ report: JobReport | null; error: string | null; wallMs: number }> {
      const started = wallMs();
      const post = await fetch(`${baseUrl}/admin/views/${view}/${mode}`, { method: 'POST', signal });
      let job = (await post.json()) as {
        id?: string;
        message?: string;
        finishedAt?: string | null;
        progress?: { phase: string };
        report?: JobReport | null;
        error?: string | null;
      };
      if (post.status !== 202 || !job.id) {
        return {
          report: null,
          error: `POST ${mode} ${view} → ${post.status} ${job.message ?? ''}`,
          wallMs: 0,
        };
      }
      await onPhase(job.progress?.phase ?? 'preparing');
      while (!job.finishedAt && !signal.aborted) {
        await sleep(100, signal);
        job = (await (await fetch(`${baseUrl}/admin/views/jobs/${job.id}`, { signal })).json()) as typeof job;
        await onPhase(job.progress?.phase ?? 'done');
      }
      return { report: job.report ?? null, error: job.error ?? null, wallMs: wallMs() - started };
    },
  };
}
