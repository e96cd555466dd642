import { z } from 'zod';

const shown = (input: unknown) => JSON.stringify(input)?.slice(0, 80) ?? String(input);

const isoTime = (name: string) =>
  z.iso.datetime({
    offset: true,
    error: (issue) =>
      `${name} is ${shown(issue.input)}: must be an ISO-8601 time with offset, e.g. 2026-12-07T10:00:00Z`,
  });

export const SALES_LIMIT_DEFAULT = 100;
export const SALES_LIMIT_MAX = 1_000;
const limitRule = `a whole number from 1 to ${SALES_LIMIT_MAX}, e.g. ${SALES_LIMIT_DEFAULT}`;

/**
 * The query string of `GET /views/sales`. `from` (inclusive) and `to` (exclusive) bound the windows' start;
 * unknown parameters are refused (a typo would silently widen the answer).
 */
export const salesWindowsQuerySchema = z
  .strictObject(
    {
      sku: z
        .string({ error: (issue) => `sku is ${shown(issue.input)}: pass one SKU, e.g. sku=SKU-1` })
        .trim()
        .min(1, 'sku must not be empty: pass a SKU such as SKU-1, or leave sku out for every SKU')
        .max(64, { error: (issue) => `sku is ${shown(issue.input)}: a SKU has at most 64 characters` })
        .optional(),
      from: isoTime('from').optional(),
      to: isoTime('to').optional(),
      limit: z
        .string({ error: (issue) => `limit is ${shown(issue.input)}: must be ${limitRule}` })
        .refine((text) => /^\d{1,4}$/.test(text) && Number(text) >= 1 && Number(text) <= SALES_LIMIT_MAX, {
          error: (issue) => `limit is ${shown(issue.input)}: must be ${limitRule}`,
        })
        .transform(Number)
        .default(SALES_LIMIT_DEFAULT),
    },
    {
      error: (issue) =>
        issue.code === 'unrecognized_keys'
          ? `unknown parameter ${issue.keys.map((k) => `"${k}"`).join(', ')}: use sku, from, to, limit`
          : undefined,
    },
  )
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), {
    error: (issue) => {
      const q = issue.input as { from: string; to: string };
      return `from is ${shown(q.from)}, to is ${shown(q.to)}: from must be before to`;
    },
    path: ['from'],
  });
export type SalesWindowsQuery = z.infer<typeof salesWindowsQuerySchema>;
