import { z } from 'zod';
import { OrderStatuses, customerIdSchema } from '@edr/contracts';
import { type OrderCursor, decodeCursor } from './keyset-cursor.js';

const isoTime = (name: string) =>
  z.iso.datetime({
    offset: true,
    message: `${name} must be an ISO-8601 time with offset, e.g. 2026-12-07T10:00:00Z`,
  });

/**
 * The query string of `GET /views/orders`. Unknown parameters are refused (a typo would silently widen the answer);
 * `from` and `to` bound `placedAt` (from inclusive, to exclusive).
 */
export const listOrdersQuerySchema = z
  .strictObject({
    customerId: customerIdSchema.optional(),
    status: z
      .enum(OrderStatuses as [string, ...string[]], {
        message: `status must be one of ${OrderStatuses.join(', ')}`,
      })
      .optional(),
    from: isoTime('from').optional(),
    to: isoTime('to').optional(),
    limit: z.coerce
      .number({ message: 'limit must be a whole number from 1 to 200, e.g. 50' })
      .int('limit must be a whole number from 1 to 200, e.g. 50')
      .min(1, 'limit must be at least 1')
      .max(200, 'limit must be at most 200')
      .default(50),
    cursor: z
      .string()
      .transform((text, ctx): OrderCursor => {
        const cursor = decodeCursor(text);
        if (cursor === null) {
          ctx.addIssue({
            code: 'custom',
            message: `cursor "${text.slice(0, 40)}" is not one this API handed out: pass the nextCursor of the previous page, or leave it out for the first page`,
          });
          return z.NEVER;
        }
        return cursor;
      })
      .optional(),
  })
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    message: 'from must be before to',
    path: ['from'],
  });
export type ListOrdersQuery = z.infer<typeof listOrdersQuerySchema>;

/** The WHERE clause and parameters of a page, keyset-paginated on (placed_at DESC, order_id DESC). */
export function listOrdersSql(query: ListOrdersQuery): { where: string; params: unknown[] } {
  const params: unknown[] = [];
  const clauses = ['v.placed_at IS NOT NULL'];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (query.customerId) clauses.push(`v.customer_id = ${param(query.customerId)}`);
  if (query.status) clauses.push(`v.status = ${param(query.status)}`);
  if (query.from) clauses.push(`v.placed_at >= ${param(query.from)}`);
  if (query.to) clauses.push(`v.placed_at < ${param(query.to)}`);
  if (query.cursor) {
    clauses.push(
      `(v.placed_at, v.order_id) < (${param(query.cursor.placedAt)}, ${param(query.cursor.orderId)})`,
    );
  }
  return { where: clauses.join(' AND '), params };
}
