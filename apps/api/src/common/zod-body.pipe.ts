import type { PipeTransform } from '@nestjs/common';
import { validationError } from '@teleconsult/protocol';
import type { z } from 'zod';
import { ApiError } from './api-error';

/** Parses a body, query or param with its zod schema; the 400 names the first bad field. */
export class ZodPipe<S extends z.ZodType> implements PipeTransform<unknown, z.output<S>> {
  constructor(private readonly schema: S) {}

  transform(value: unknown): z.output<S> {
    const result = this.schema.safeParse(value ?? {});
    if (result.success) return result.data;
    const error = validationError(result.error);
    throw new ApiError('VALIDATION_FAILED', error.message, error.field);
  }
}
