import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { CorrelationContext } from '@edr/messaging';

export const CORRELATION_HEADER = 'x-correlation-id';

const acceptable = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives every HTTP request a correlation id (the caller's `X-Correlation-Id`, or a new one), echoes it back, and
 * makes it the correlation id of every event the request causes.
 */
export function correlationMiddleware(req: Request, res: Response, next: NextFunction): void {
  const incoming = req.header(CORRELATION_HEADER);
  const correlationId = incoming && acceptable.test(incoming) ? incoming : randomUUID();
  res.setHeader(CORRELATION_HEADER, correlationId);
  const traceparent = req.header('traceparent') ?? null;
  CorrelationContext.run({ correlationId, causationId: null, traceparent }, () => next());
}
