import { type ArgumentsHost, Catch, type ExceptionFilter, HttpStatus } from '@nestjs/common';
import type { Response } from 'express';
import type { Refuse } from './admission-decision.js';

/** Thrown by PlaceOrderHandler when admission control refuses a new order; nothing was written. */
export class OrderAdmissionRefused extends Error {
  override readonly name = 'OrderAdmissionRefused';

  constructor(readonly refusal: Refuse) {
    super(`order refused: ${refusal.backlog} sagas in flight, limit ${refusal.limit}`);
  }
}

/**
 * `503 Service Unavailable` with `Retry-After` (seconds) and a problem document (RFC 9457) that says what happened
 * and what to do: the same request again later, with the same Idempotency-Key, so a retry never places two orders.
 */
@Catch(OrderAdmissionRefused)
export class OrderAdmissionRefusedFilter implements ExceptionFilter<OrderAdmissionRefused> {
  catch({ refusal }: OrderAdmissionRefused, host: ArgumentsHost): void {
    const { backlog, limit, retryAfterS } = refusal;
    host
      .switchToHttp()
      .getResponse<Response>()
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .setHeader('Retry-After', String(retryAfterS))
      .type('application/problem+json')
      .json({
        type: 'about:blank',
        title: 'Service Unavailable',
        status: HttpStatus.SERVICE_UNAVAILABLE,
        detail:
          `${backlog} orders are in flight, the most this service takes on at once is ${limit}: ` +
          `this order was not recorded. Send the same request again after ${retryAfterS} s (Retry-After), ` +
          `with the same Idempotency-Key if it had one, and spread retries out with some random delay.`,
        limit,
        backlog,
        retryAfterSeconds: retryAfterS,
      });
  }
}
