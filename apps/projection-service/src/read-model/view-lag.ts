import { Inject, Injectable } from '@nestjs/common';
import type { Admin } from 'kafkajs';
import { SERVICE_CONFIG } from '@edr/config';
import { KAFKA_ADMIN } from '@edr/messaging';
import type { ProjectionConfig } from '../projection.config.js';
import { ApplyClock } from './apply-clock.js';
import { PROJECTORS, type Projector } from './projector.js';

export interface Lag {
  /** Records on the view's topics that the projection has not applied yet (log end minus committed offset). */
  readonly records: number;
  /** How long the oldest of them has waited, in seconds (0 when caught up). */
  readonly seconds: number;
}

/** Per topic and partition: records behind. */
type Behind = Map<string, { partition: number; records: number }[]>;

/**
 * How far each view is behind the log, in records and seconds, read from Kafka (log end offsets against the
 * `projection-service` group's committed offsets) and from ApplyClock. Cached for a second: /health and every feed
 * connection ask, the broker is asked once.
 */
@Injectable()
export class ViewLag {
  private cached: { at: number; behind: Promise<Behind> } | null = null;

  constructor(
    @Inject(KAFKA_ADMIN) private readonly admin: Admin,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
    @Inject(PROJECTORS) private readonly projectors: readonly Projector[],
    private readonly clock: ApplyClock,
  ) {}

  /** Every view's lag, by view name. */
  async all(): Promise<Record<string, Lag>> {
    const behind = await this.behind();
    const now = Date.now();
    const lags: Record<string, Lag> = {};
    for (const projector of this.projectors) {
      let records = 0;
      let ms = 0;
      for (const topic of projector.topics) {
        for (const p of behind.get(topic) ?? []) {
          records += p.records;
          if (p.records > 0) ms = Math.max(ms, this.clock.behindMs(topic, p.partition, now));
        }
      }
      lags[projector.view] = { records, seconds: Math.round(ms / 100) / 10 };
    }
    return lags;
  }

  private behind(): Promise<Behind> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < 1_000) return this.cached.behind;
    const behind = this.read().catch((error: unknown) => {
      this.cached = null;
      throw error;
    });
    this.cached = { at: now, behind };
    return behind;
  }

  private async read(): Promise<Behind> {
    const topics = [...new Set(this.projectors.flatMap((p) => p.topics))];
    const committed = await this.admin.fetchOffsets({ groupId: this.config.serviceName, topics });
    const result: Behind = new Map();
    for (const topic of topics) {
      const ends = await this.admin.fetchTopicOffsets(topic);
      const done = committed.find((c) => c.topic === topic)?.partitions ?? [];
      result.set(
        topic,
        ends.map((end) => {
          const at = Number(done.find((d) => d.partition === end.partition)?.offset ?? -1);
          const from = at < 0 ? Number(end.low) : at;
          return { partition: end.partition, records: Math.max(0, Number(end.high) - from) };
        }),
      );
    }
    return result;
  }
}
