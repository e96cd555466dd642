import { Injectable } from '@nestjs/common';
import { DeadlineAnnouncer } from '@edr/deadlines';

/** In-process word from AuthorizePayment to the wait watcher: "an authorization now waits until this deadline". */
@Injectable()
export class CustomerWaitAnnouncer extends DeadlineAnnouncer {}
