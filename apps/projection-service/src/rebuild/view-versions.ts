import { Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { ConflictException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { PROJECTORS, type Projector } from '../read-model/projector.js';
import { RebuildJobs } from './rebuild-jobs.js';

/**
 * Keeps each view's rows built by the projection the code declares. A view's tables created by a migration after
 * the consumer group had moved on (a view added to a running system), or a view whose `version` was raised, would
 * otherwise lack what the log held before: at boot such a view is rebuilt from the log in the background (readers
 * keep the view they had until the swap). On a fresh database, where the live consumer starts at offset 0 anyway,
 * the versions are only recorded.
 */
@Injectable()
export class ViewVersions implements OnApplicationBootstrap {
  private readonly logger = new Logger('ViewVersions');
  /** False until every view is at its code's version (GET /admin/views/versions). */
  reconciled = false;

  constructor(
    private readonly dataSource: DataSource,
    private readonly jobs: RebuildJobs,
    @Inject(PROJECTORS) private readonly projectors: readonly Projector[],
  ) {}

  onApplicationBootstrap(): void {
    void this.reconcile().catch((error: unknown) =>
      this.logger.error(`views not reconciled with their versions: ${(error as Error).message}`),
    );
  }

  private async reconcile(): Promise<void> {
    const recorded = new Map(
      (
        (await this.dataSource.query(`SELECT view, version FROM view_versions`)) as {
          view: string;
          version: number;
        }[]
      ).map((row) => [row.view, row.version]),
    );
    const [{ consumed }] = (await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM inbox) AS consumed`,
    )) as [{ consumed: boolean }];
    for (const projector of this.projectors) {
      if (recorded.get(projector.view) === projector.version) continue;
      if (consumed) {
        this.logger.log(
          `view ${projector.view} is at version ${recorded.get(projector.view) ?? 'none'}, the code at ${projector.version}: rebuilding it from the log`,
        );
        const job = await this.startWhenFree(projector);
        while (job.finishedAt === null) await sleep(200);
        if (job.error !== null) throw new Error(`rebuild of ${projector.view} failed: ${job.error}`);
      }
      await this.dataSource.query(
        `INSERT INTO view_versions (view, version, built_at) VALUES ($1, $2, now())
         ON CONFLICT (view) DO UPDATE SET version = excluded.version, built_at = excluded.built_at`,
        [projector.view, projector.version],
      );
    }
    this.reconciled = true;
  }

  /** Starts the view's rebuild, waiting while an operator's job runs. */
  private async startWhenFree(projector: Projector) {
    for (;;) {
      try {
        return await this.jobs.start(projector.view, 'rebuild');
      } catch (error) {
        if (!(error instanceof ConflictException)) throw error;
        await sleep(500);
      }
    }
  }

  async recorded(): Promise<{ view: string; version: number; built_at: Date }[]> {
    return this.dataSource.query(`SELECT view, version, built_at FROM view_versions ORDER BY view`);
  }
}
