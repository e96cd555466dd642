import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_CONFIG } from '@edr/config';
import { DeadlineAnnouncer } from '@edr/deadlines';
import type { HandlerMap } from '@edr/messaging';
import type { ProjectionConfig } from '../projection.config.js';
import type { Reactor } from '../read-model/projector.js';
import { CepEngine } from './cep-engine.js';
import { cepRules } from './cep-rules.js';

/**
 * Complex event processing on the live stream: the rules declared in cep-rules.ts, interpreted by CepEngine, fed by
 * the read side's consumer group after the views, in the same inbox transaction. Live only: rules publish (through
 * the outbox), so a rebuild of the views never runs them. Their timers are fired by CepTimerWatcher, which this
 * reactor tells (`timers`) when it opens one.
 */
@Injectable()
export class CepReactor implements Reactor {
  readonly name = 'cep';
  readonly engine: CepEngine;
  readonly timers = new DeadlineAnnouncer();

  constructor(@Inject(SERVICE_CONFIG) config: ProjectionConfig) {
    this.engine = new CepEngine(cepRules(config), config.serviceName, this.timers);
  }

  get topics(): readonly string[] {
    return this.engine.topics;
  }

  get handlers(): HandlerMap {
    return this.engine.handlers;
  }
}
