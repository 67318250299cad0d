import { SetMetadata } from '@nestjs/common';
import type { ErrorCode } from '@teleconsult/protocol';
import type { ZodType } from 'zod';

export const API_DOC = 'teleconsult:api-doc';

/**
 * How a REST route appears in the OpenAPI document. The schemas are the same zod schemas the
 * route parses its input with (and the protocol's response schemas), so the docs cannot drift.
 */
export interface ApiDocSpec {
  summary: string;
  tags?: string[];
  /** Who may call it: a bearer access token (with these roles, if given), a patient link, or anyone. */
  auth?: 'bearer' | 'link' | 'none';
  params?: ZodType;
  query?: ZodType;
  body?: ZodType;
  response?: ZodType;
  /** Success status; 200 unless given. */
  status?: number;
  /** Media type of a non-JSON success body, e.g. 'text/calendar'. */
  produces?: string;
  /** Error codes the route may answer with, beyond VALIDATION_FAILED / UNAUTHENTICATED. */
  errors?: ErrorCode[];
}

export const ApiDoc = (spec: ApiDocSpec) => SetMetadata(API_DOC, spec);
