import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { z } from 'zod';
import { ZodValidationPipe } from '@edr/http';
import { ViewNames, type ViewName } from '../read-model/projector.js';
import { type RebuildJob, RebuildJobs } from './rebuild-jobs.js';
import { ViewVersions } from './view-versions.js';

const viewSchema = z.enum(ViewNames, { message: `must be one of ${ViewNames.join(', ')}` });
const jobIdSchema = z.uuid('must be a job id (a UUID) from POST /admin/views/{view}/rebuild or /verify');

/**
 * Operators' endpoints for rebuilding a view from the log (`npm run projections` is their client):
 * `POST /admin/views/{view}/rebuild` swaps a rebuilt view in, `POST /admin/views/{view}/verify` rebuilds into a
 * scratch copy and compares it with the live one row for row; both answer 202 with the job, followed at
 * `GET /admin/views/jobs/{id}`.
 */
@Controller('admin/views')
export class RebuildController {
  constructor(
    private readonly jobs: RebuildJobs,
    private readonly versions: ViewVersions,
  ) {}

  /** Each view's recorded version, and whether the boot-time rebuilds of changed views are done. */
  @Get('versions')
  async listVersions() {
    return { reconciled: this.versions.reconciled, views: await this.versions.recorded() };
  }

  @Post(':view/rebuild')
  @HttpCode(202)
  rebuild(@Param('view', new ZodValidationPipe(viewSchema, 'view')) view: ViewName): Promise<RebuildJob> {
    return this.jobs.start(view, 'rebuild');
  }

  @Post(':view/verify')
  @HttpCode(202)
  verify(@Param('view', new ZodValidationPipe(viewSchema, 'view')) view: ViewName): Promise<RebuildJob> {
    return this.jobs.start(view, 'verify');
  }

  @Get('jobs')
  list(): RebuildJob[] {
    return this.jobs.list();
  }

  @Get('jobs/:id')
  get(@Param('id', new ZodValidationPipe(jobIdSchema, 'id')) id: string): RebuildJob {
    return this.jobs.get(id);
  }
}
