import { z } from 'zod';

/** Path parameter: the same customer id the orders carry (credit_limits.customer_id is varchar(255)). */
export const customerIdSchema = z
  .string()
  .trim()
  .min(1, 'must be a customer id')
  .max(255, 'must be a customer id of at most 255 characters');
