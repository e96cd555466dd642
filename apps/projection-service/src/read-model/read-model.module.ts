import { type DynamicModule, Module, type Type } from '@nestjs/common';
import { HEALTH_DETAILS, type HealthDetail } from '@edr/health';
import { ApplyClock } from './apply-clock.js';
import { PROJECTORS, type Projector, REACTORS, type Reactor } from './projector.js';
import { ViewLag } from './view-lag.js';

export interface ReadModelOptions {
  /** The views, in the order each event is applied to them. */
  readonly projectors: readonly Type<Projector>[];
  /** Live-only processing, applied after the views. */
  readonly reactors: readonly Type<Reactor>[];
}

/**
 * The views and reactors as lists (PROJECTORS, REACTORS) for the live consumer, the rebuilder, the feed and
 * `/health`, where each view reports its lag. Global, because the platform's health controller reads HEALTH_DETAILS.
 */
@Module({})
export class ReadModelModule {
  static forRoot(options: ReadModelOptions): DynamicModule {
    const providers = [
      ...options.projectors,
      ...options.reactors,
      { provide: PROJECTORS, useFactory: (...all: Projector[]) => all, inject: [...options.projectors] },
      { provide: REACTORS, useFactory: (...all: Reactor[]) => all, inject: [...options.reactors] },
      ApplyClock,
      ViewLag,
      {
        provide: HEALTH_DETAILS,
        useFactory: (lag: ViewLag): HealthDetail[] => [{ key: 'views', read: () => lag.all() }],
        inject: [ViewLag],
      },
    ];
    return { module: ReadModelModule, global: true, providers, exports: providers };
  }
}
