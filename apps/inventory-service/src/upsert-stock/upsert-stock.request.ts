import { z } from 'zod';

/** Postgres `int`: the largest on_hand the column holds. */
const MAX_ON_HAND = 2_147_483_647;

export const skuParamSchema = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/,
    'must be 1 to 64 letters, digits, ".", "_" or "-", starting with a letter or digit',
  );

export const upsertStockRequestSchema = z.strictObject({
  /** Kept when omitted; a new SKU without a name is named after itself. */
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  onHand: z
    .number({ message: 'must be a whole number of units, 0 or more' })
    .int('must be a whole number of units')
    .min(0, 'must be 0 or more')
    .max(MAX_ON_HAND, `must be at most ${MAX_ON_HAND}`),
});

export type UpsertStockRequest = z.infer<typeof upsertStockRequestSchema>;
