/**
 * PENDING: accepted and recorded, the saga has not finished yet. The saga (next issue) adds its intermediate
 * statuses and the terminal APPROVED / REJECTED.
 */
export const OrderStatus = { pending: 'PENDING' } as const;
export type OrderStatus = (typeof OrderStatus)[keyof typeof OrderStatus];
