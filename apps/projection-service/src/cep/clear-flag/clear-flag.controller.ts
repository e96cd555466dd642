import { Body, ConflictException, Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { customerIdSchema } from '@edr/contracts';
import { ZodValidationPipe } from '@edr/http';
import { type ClearFlagResult, ClearFlagHandler } from './clear-flag.handler.js';
import { type ClearFlagRequest, clearFlagRequestSchema } from './clear-flag.request.js';

@Controller('customers')
export class ClearFlagController {
  constructor(private readonly handler: ClearFlagHandler) {}

  /**
   * 202 Accepted: the flag is cleared here and CustomerFlagCleared is on its way (outbox, Debezium) to
   * payment-service, which stops holding the customer's payments when it arrives. 409 when the customer is not
   * flagged (never was, or cleared already).
   */
  @Post(':id/clear-flag')
  @HttpCode(HttpStatus.ACCEPTED)
  async clear(
    @Param('id', new ZodValidationPipe(customerIdSchema, 'id')) customerId: string,
    @Body(new ZodValidationPipe(clearFlagRequestSchema)) body: ClearFlagRequest,
  ): Promise<ClearFlagResult> {
    const result = await this.handler.execute(customerId, body);
    if (!result) {
      throw new ConflictException(
        `customer ${customerId} is not flagged (never flagged, or cleared already); GET /cep/flags lists the flagged customers`,
      );
    }
    return result;
  }
}
