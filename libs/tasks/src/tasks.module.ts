import { type DynamicModule, Module } from '@nestjs/common';
import { SERVICE_CONFIG } from '@edr/config';
import { HEALTH_DETAILS } from '@edr/health';
import { GroupMemberships } from '@edr/messaging';
import { TaskCounters } from './task-counters.js';
import { TaskRunner, type TaskRunnerSettings } from './task-runner.js';
import { workerStatus } from './worker-status.js';

/**
 * The worker side of @edr/tasks for a service that runs task workers: the TaskRunner its task handlers call, and the
 * `worker` entry of `/health`. Global, because the platform's health controller reads HEALTH_DETAILS.
 */
@Module({})
export class TasksModule {
  static forWorkers(): DynamicModule {
    const providers = [
      { provide: TaskCounters, useValue: new TaskCounters() },
      TaskRunner,
      {
        provide: HEALTH_DETAILS,
        useFactory: (settings: TaskRunnerSettings, memberships: GroupMemberships, counters: TaskCounters) => [
          workerStatus(settings.tasks.workerId, memberships, counters),
        ],
        inject: [SERVICE_CONFIG, GroupMemberships, TaskCounters],
      },
    ];
    return { module: TasksModule, global: true, providers, exports: providers };
  }
}
