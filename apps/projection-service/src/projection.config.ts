import type { z } from 'zod';
import { envFields, extendServiceConfigSchema } from '@edr/config';
import { Services } from '@edr/topology';

const { wholeNumber } = envFields;

export const projectionConfigSchema = extendServiceConfigSchema(
  Services.projection,
  {
    // Event-time windows of sales per SKU (docs/patterns/stream-processing.md): how long after its end, in its
    // stream's event time (per partition and SKU), a window still takes late sales; later ones are counted as too
    // late, per window. The watermark is the stream's latest event time minus this.
    PROJECTION_SALES_ALLOWED_LATENESS_MS: wholeNumber('milliseconds', 30_000, 0, 86_400_000).default(30_000),
    // CEP rule repeated-payment-declines (docs/patterns/complex-event-processing.md): this many declines of one
    // customer within the window flag the customer.
    PROJECTION_DECLINES_THRESHOLD: wholeNumber('declines', 3, 2, 1_000).default(3),
    PROJECTION_DECLINES_WINDOW_MS: wholeNumber('milliseconds', 600_000, 1_000, 86_400_000).default(600_000),
    // CEP rule label-sla: an APPROVED order must have its shipping label within this long (event time).
    PROJECTION_LABEL_SLA_MS: wholeNumber('milliseconds', 60_000, 100, 86_400_000).default(60_000),
    // The longest the CEP timer watcher sleeps without a deadline in sight (see @edr/deadlines).
    PROJECTION_CEP_BACKSTOP_MS: wholeNumber('milliseconds', 5_000, 100, 600_000).default(5_000),
    // How often GET /views/stream reports each view's lag.
    PROJECTION_FEED_LAG_INTERVAL_MS: wholeNumber('milliseconds', 5_000, 100, 600_000).default(5_000),
  },
  (env) => ({
    sales: { allowedLatenessMs: env.PROJECTION_SALES_ALLOWED_LATENESS_MS },
    cep: {
      declines: { threshold: env.PROJECTION_DECLINES_THRESHOLD, windowMs: env.PROJECTION_DECLINES_WINDOW_MS },
      labelSlaMs: env.PROJECTION_LABEL_SLA_MS,
      backstopMs: env.PROJECTION_CEP_BACKSTOP_MS,
    },
    feed: { lagIntervalMs: env.PROJECTION_FEED_LAG_INTERVAL_MS },
  }),
);
export type ProjectionConfig = z.infer<typeof projectionConfigSchema>;
