import { z } from 'zod';
import { FeedNames } from '../read-model/projector.js';

const position = (name: string) =>
  z
    .string()
    .regex(/^\d{1,18}$/, `${name} must be a feed id (a whole number ≥ 0) from an earlier event of this feed`)
    .transform(Number);

/**
 * Where a feed connection starts: after `Last-Event-ID` (what browsers' EventSource sends on reconnect), else after
 * `?after=`, else at the end (only changes from now on). `?views=` limits it to some views.
 */
export const viewStreamQuerySchema = z.strictObject({
  after: position('after').optional(),
  views: z
    .string()
    .transform((text) => text.split(',').map((v) => v.trim()))
    .pipe(
      z.array(
        z.enum(FeedNames, { message: `views must be a comma-separated list of ${FeedNames.join(', ')}` }),
      ),
    )
    .optional(),
});
export type ViewStreamQuery = z.infer<typeof viewStreamQuerySchema>;

export const lastEventIdSchema = position('Last-Event-ID').optional();
