import type { HealthDetail } from '@edr/health';
import type { GroupMemberships } from '@edr/messaging';
import type { TaskCounters } from './task-counters.js';

/**
 * The `worker` entry of `/health`: this process's worker id, the partitions each of its consumer groups owns right
 * now, and what it did with tasks. Reading it from every instance shows how a group shares its topic's partitions
 * and who did how much of the work.
 */
export const workerStatus = (
  workerId: string,
  memberships: GroupMemberships,
  counters: TaskCounters,
): HealthDetail => ({
  key: 'worker',
  read: () => ({
    workerId,
    groups: memberships.all().map(({ groupId, memberId, partitions }) => ({ groupId, memberId, partitions })),
    tasks: counters.snapshot(),
  }),
});
