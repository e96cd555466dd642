import { Controller, Headers, Inject, type MessageEvent, Query, Sse } from '@nestjs/common';
import { Observable } from 'rxjs';
import { SERVICE_CONFIG } from '@edr/config';
import { ZodValidationPipe } from '@edr/http';
import type { ProjectionConfig } from '../projection.config.js';
import { ViewLag } from '../read-model/view-lag.js';
import { ViewChangeListener } from './view-change-listener.js';
import { ViewFeed } from './view-feed.js';
import { type ViewStreamQuery, lastEventIdSchema, viewStreamQuerySchema } from './view-stream.query.js';

const PAGE = 500;
/** Polled as well as notified: a notification lost with a reconnecting LISTEN connection only delays a change. */
const POLL_MS = 2_000;

/**
 * `GET /views/stream`: server-sent events. `change` events (id = the feed id, so a reconnecting EventSource resumes
 * with Last-Event-ID and misses nothing), and every PROJECTION_FEED_LAG_INTERVAL_MS a `lag` event with each view's
 * lag in records and seconds.
 */
@Controller('views')
export class ViewStreamController {
  constructor(
    private readonly feed: ViewFeed,
    private readonly listener: ViewChangeListener,
    private readonly lag: ViewLag,
    @Inject(SERVICE_CONFIG) private readonly config: ProjectionConfig,
  ) {}

  @Sse('stream')
  stream(
    @Query(new ZodValidationPipe(viewStreamQuerySchema, 'query')) query: ViewStreamQuery,
    @Headers('last-event-id') lastEventIdHeader: string | undefined,
  ): Observable<MessageEvent> {
    // Nest's @Headers takes no pipe: the header is validated here, before the stream opens (a 400 otherwise).
    const lastEventId = new ZodValidationPipe(lastEventIdSchema, 'Last-Event-ID').transform(
      lastEventIdHeader,
    );
    return new Observable<MessageEvent>((subscriber) => {
      let stopped = false;
      let cursor: number | null = lastEventId ?? query.after ?? null;
      let pumping: Promise<void> | null = null;
      let again = false;

      const pump = async (): Promise<void> => {
        if (cursor === null) cursor = await this.feed.latestId();
        for (;;) {
          const entries = await this.feed.after(cursor, query.views ?? null, PAGE);
          for (const entry of entries) {
            if (stopped) return;
            subscriber.next({ id: String(entry.id), type: 'change', data: entry });
            cursor = entry.id;
          }
          if (entries.length < PAGE) return;
        }
      };
      const wake = () => {
        if (stopped) return;
        if (pumping) {
          again = true;
          return;
        }
        pumping = pump()
          .catch((error: unknown) =>
            subscriber.next({ type: 'error', data: { message: (error as Error).message } }),
          )
          .finally(() => {
            pumping = null;
            if (again) {
              again = false;
              wake();
            }
          });
      };
      const reportLag = () =>
        void this.lag
          .all()
          .then(
            (views) =>
              !stopped && subscriber.next({ type: 'lag', data: { at: new Date().toISOString(), views } }),
          )
          .catch(() => undefined);

      const unsubscribe = this.listener.subscribe(wake);
      const poll = setInterval(wake, POLL_MS);
      const lagTimer = setInterval(reportLag, this.config.feed.lagIntervalMs);
      wake();
      reportLag();
      return () => {
        stopped = true;
        unsubscribe();
        clearInterval(poll);
        clearInterval(lagTimer);
      };
    });
  }
}
