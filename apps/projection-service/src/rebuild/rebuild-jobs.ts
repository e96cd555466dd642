import { ConflictException, Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { PROJECTORS, type Projector, type ViewName } from '../read-model/projector.js';
import {
  type RebuildMode,
  type RebuildProgress,
  type RebuildReport,
  ViewRebuilder,
} from './view-rebuilder.js';

export interface RebuildJob {
  readonly id: string;
  readonly view: ViewName;
  readonly mode: RebuildMode;
  readonly startedAt: string;
  finishedAt: string | null;
  readonly progress: RebuildProgress;
  report: RebuildReport | null;
  error: string | null;
}

/**
 * Rebuilds and verifications run as jobs, one at a time per database (a session advisory lock, so two instances of
 * the projection cannot rebuild at once), in the background: the admin endpoint answers at once with the job, which
 * `npm run projections` then follows.
 */
@Injectable()
export class RebuildJobs {
  private readonly logger = new Logger('RebuildJobs');
  private readonly jobs = new Map<string, RebuildJob>();
  private running: RebuildJob | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly rebuilder: ViewRebuilder,
    @Inject(PROJECTORS) private readonly projectors: readonly Projector[],
  ) {}

  async start(view: ViewName, mode: RebuildMode): Promise<RebuildJob> {
    const projector = this.projectors.find((p) => p.view === view);
    if (!projector) throw new NotFoundException(`no view named ${view}`);
    if (this.running) {
      throw new ConflictException(
        `a ${this.running.mode} of ${this.running.view} is running (job ${this.running.id}); wait for it to finish`,
      );
    }
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    const [{ locked }] = (await runner.query(
      `SELECT pg_try_advisory_lock(hashtext('projection-rebuild')) AS locked`,
    )) as [{ locked: boolean }];
    if (!locked) {
      await runner.release();
      throw new ConflictException(
        'another projection-service instance is rebuilding a view; wait for it to finish',
      );
    }
    const job: RebuildJob = {
      id: randomUUID(),
      view,
      mode,
      startedAt: new Date().toISOString(),
      finishedAt: null,
      progress: { phase: 'preparing', replayed: 0, target: 0, applied: 0, duplicates: 0, skipped: 0 },
      report: null,
      error: null,
    };
    this.jobs.set(job.id, job);
    this.running = job;
    void this.rebuilder
      .run(projector, mode, job.progress)
      .then((report) => (job.report = report))
      .catch((error: unknown) => {
        job.error = (error as Error).message;
        this.logger.error(`${mode} of ${view} failed: ${job.error}`);
      })
      .finally(async () => {
        job.finishedAt = new Date().toISOString();
        this.running = null;
        await runner
          .query(`SELECT pg_advisory_unlock(hashtext('projection-rebuild'))`)
          .catch(() => undefined);
        await runner.release();
      });
    return job;
  }

  get(id: string): RebuildJob {
    const job = this.jobs.get(id);
    if (!job)
      throw new NotFoundException(`no rebuild job ${id} in this process (jobs are kept until it restarts)`);
    return job;
  }

  list(): RebuildJob[] {
    return [...this.jobs.values()].reverse();
  }
}
