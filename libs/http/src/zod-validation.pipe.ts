import { BadRequestException, type PipeTransform } from '@nestjs/common';
import type { z } from 'zod';

export interface FieldError {
  readonly field: string;
  readonly message: string;
}

/**
 * Validates a request body against a contract schema. A 400 lists every offending field by path
 * (`items.0.quantity`) with what is expected, so a client can fix its request without reading our code.
 */
export class ZodValidationPipe<TSchema extends z.ZodType> implements PipeTransform<
  unknown,
  z.infer<TSchema>
> {
  constructor(
    private readonly schema: TSchema,
    /** Name reported for a failure of the value itself (a header or path parameter rather than a body field). */
    private readonly rootName = '(body)',
  ) {}

  transform(value: unknown): z.infer<TSchema> {
    const result = this.schema.safeParse(value);
    if (result.success) return result.data;
    const errors: FieldError[] = result.error.issues.map((issue) => ({
      field: issue.path.length ? issue.path.join('.') : this.rootName,
      message: issue.message,
    }));
    throw new BadRequestException({
      statusCode: 400,
      error: 'Bad Request',
      message: `Invalid request: ${errors.map((e) => `${e.field}: ${e.message}`).join('; ')}`,
      errors,
    });
  }
}
