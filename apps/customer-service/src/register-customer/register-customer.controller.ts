import { Body, Controller, Headers, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import type { Response } from 'express';
import { ZodValidationPipe } from '@edr/http';
import { idempotencyKeySchema } from '@edr/idempotency';
import { type RegisterCustomerResult, RegisterCustomerHandler } from './register-customer.handler.js';
import { type RegisterCustomerRequest, registerCustomerRequestSchema } from './register-customer.request.js';

const idempotencyKeyPipe = new ZodValidationPipe(idempotencyKeySchema.optional(), 'Idempotency-Key');

@Controller('customers')
export class RegisterCustomerController {
  constructor(private readonly handler: RegisterCustomerHandler) {}

  /**
   * 202 Accepted: the registration is recorded and its parts run asynchronously; `Location` is where to watch the
   * customer become ACTIVE or FAILED.
   */
  @Post()
  @HttpCode(HttpStatus.ACCEPTED)
  async register(
    @Body(new ZodValidationPipe(registerCustomerRequestSchema)) body: RegisterCustomerRequest,
    @Headers('idempotency-key') idempotencyKeyHeader: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ): Promise<Pick<RegisterCustomerResult, 'customerId' | 'status'>> {
    const idempotencyKey = idempotencyKeyPipe.transform(idempotencyKeyHeader);
    const result = await this.handler.execute(body, idempotencyKey ?? null);
    res.setHeader('Location', `/customers/${result.customerId}`);
    if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
    return { customerId: result.customerId, status: result.status };
  }
}
