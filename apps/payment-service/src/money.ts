import type { ValueTransformer } from 'typeorm';

/**
 * Money is compared in integer cents: 0.1 + 0.2 is not 0.3 in floating point, and a decline rule must not depend
 * on that. Amounts arrive as numbers with at most two decimals (the contracts' amountSchema).
 */
export const toCents = (amount: number): number => Math.round(amount * 100);

export const formatAmount = (amount: number): string => (toCents(amount) / 100).toFixed(2);

/** numeric(14,2) columns come back from pg as strings (to keep precision); 14 digits fit a JS number exactly. */
export const numericColumn: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | null | undefined) => (value === null || value === undefined ? value : Number(value)),
};
