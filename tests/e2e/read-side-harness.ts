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

export interface SseEvent {
  readonly id: string | null;
  readonly event: string;
  readonly data: Record<string, any>;
}

/**
 * Reads server-sent events from `url` until `enough` says so (or the timeout); `headers` e.g. Last-Event-ID. A
 * plain fetch with a streamed body: what an EventSource does, without a browser.
 */
export async function readSse(
  url: string,
  enough: (events: readonly SseEvent[]) => boolean,
  headers: Record<string, string> = {},
  timeoutMs = 20_000,
): Promise<SseEvent[]> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  const events: SseEvent[] = [];
  try {
    const response = await fetch(url, {
      headers: { accept: 'text/event-stream', ...headers },
      signal: abort.signal,
    });
    if (response.status !== 200) throw new Error(`GET ${url} → ${response.status} ${await response.text()}`);
    const decoder = new TextDecoder();
    let buffer = '';
    for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
      buffer += decoder.decode(chunk, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const field = (name: string) =>
          block
            .split('\n')
            .find((line) => line.startsWith(`${name}:`))
            ?.slice(name.length + 1)
            .trim() ?? null;
        const data = field('data');
        if (data === null) continue;
        events.push({ id: field('id'), event: field('event') ?? 'message', data: JSON.parse(data) });
      }
      if (enough(events)) break;
    }
    return events;
  } catch (error) {
    if (abort.signal.aborted)
      throw new Error(`${url}: not enough events within ${timeoutMs} ms (got ${events.length})`);
    throw error;
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}
