/** What projection-service answers about a job (rebuild/rebuild-jobs.ts), as far as this tool reads it. */
export interface Job {
  readonly id: string;
  readonly view: string;
  readonly mode: 'rebuild' | 'verify';
  readonly finishedAt: string | null;
  readonly progress: {
    phase: string;
    replayed: number;
    target: number;
    applied: number;
    duplicates: number;
    skipped: number;
  };
  readonly report: Report | null;
  readonly error: string | null;
}

export interface Report {
  readonly replayed: number;
  readonly applied: number;
  readonly duplicates: number;
  readonly skipped: number;
  readonly rows: Record<string, number>;
  readonly millis: { total: number; replay: number; catchUp: number; locked: number };
  readonly eventsPerSecond: number;
  readonly equal?: boolean;
  readonly differences?: readonly {
    table: string;
    liveRows: number;
    rebuiltRows: number;
    onlyLive: number;
    onlyRebuilt: number;
    samples: { onlyLive: unknown[]; onlyRebuilt: unknown[] };
  }[];
}

const n = (value: number) => value.toLocaleString('en-US');

/** The lines printed when a job has finished (pure). */
export function formatReport(job: Job): string[] {
  if (job.error !== null || job.report === null) {
    return [
      `✗ ${job.mode} of ${job.view} failed: ${job.error ?? 'no report'}`,
      '  the live view is unchanged',
    ];
  }
  const r = job.report;
  const lines = [
    `${job.mode === 'rebuild' ? '✓ rebuilt' : r.equal ? '✓ verified' : '✗ verified'} ${job.view}: ${n(r.replayed)} records replayed in ${(r.millis.replay / 1000).toFixed(1)} s (${n(r.eventsPerSecond)} records/s); ${n(r.applied)} applied, ${n(r.duplicates)} duplicates, ${n(r.skipped)} not for this view`,
    `  live consumer held for ${r.millis.locked} ms while the replay caught up${job.mode === 'rebuild' ? ' and the tables were swapped' : ' and the tables were compared'}; ${(r.millis.total / 1000).toFixed(1)} s in all`,
    `  rows: ${Object.entries(r.rows)
      .map(([table, rows]) => `${table} ${n(rows)}`)
      .join(', ')}`,
  ];
  for (const d of r.differences ?? []) {
    if (d.onlyLive === 0 && d.onlyRebuilt === 0) {
      lines.push(`  = ${d.table}: ${n(d.liveRows)} rows, identical`);
      continue;
    }
    lines.push(
      `  ≠ ${d.table}: live ${n(d.liveRows)} rows, rebuilt ${n(d.rebuiltRows)}; ${n(d.onlyLive)} only in live, ${n(d.onlyRebuilt)} only in the rebuild`,
    );
    for (const row of d.samples.onlyLive) lines.push(`    live only:    ${JSON.stringify(row)}`);
    for (const row of d.samples.onlyRebuilt) lines.push(`    rebuilt only: ${JSON.stringify(row)}`);
  }
  return lines;
}

/** Whether the command succeeded: a finished rebuild, or a verification that found no difference. */
export const succeeded = (job: Job) =>
  job.error === null && job.report !== null && (job.mode === 'rebuild' || job.report.equal === true);
