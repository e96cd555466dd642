import { Injectable } from '@nestjs/common';
import { DeadlineAnnouncer } from '@edr/deadlines';

export type { DeadlineListener } from '@edr/deadlines';

/**
 * In-process word from the runner to the deadline watcher: "a saga now has this deadline" (see DeadlineAnnouncer).
 * The deadline itself is in order_sagas.
 */
@Injectable()
export class SagaDeadlineAnnouncer extends DeadlineAnnouncer {}
