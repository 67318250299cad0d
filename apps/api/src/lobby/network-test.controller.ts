import { Controller, Get, HttpCode, Param, Post, Req } from '@nestjs/common';
import type { Request } from 'express';
import {
  NETWORK_TEST_MAX_BYTES,
  type NetworkPingResponse,
  type UplinkTestResponse,
  networkPingResponseSchema,
  uplinkTestResponseSchema,
} from '@teleconsult/protocol';
import { z } from 'zod';
import { ApiError } from '../common/api-error';
import { RateLimit } from '../common/rate-limit';
import { ConsultsService } from '../consults/consults.service';
import { ApiDoc } from '../openapi/api-doc.decorator';

const tokenParams = z.object({ token: z.string() });
const LINK_ERRORS = [
  'LINK_INVALID',
  'LINK_EXPIRED',
  'LINK_REVOKED',
  'CONSULT_ENDED',
  'RATE_LIMITED',
] as const;

/**
 * The patient's network check before joining: a few pings for the round trip and one timed upload
 * for the uplink. Both need a valid patient link and are rate-limited per link, so they cannot be
 * used to load the server.
 */
@Controller('api/join/:token/network-test')
export class NetworkTestController {
  private readonly pings = new RateLimit('network pings', 60, 60);
  private readonly uploads = new RateLimit('upload tests', 6, 60);

  constructor(private readonly consults: ConsultsService) {}

  @Get('ping')
  @ApiDoc({
    summary: 'Round-trip probe for the pre-call network check',
    tags: ['waiting room'],
    auth: 'link',
    params: tokenParams,
    response: networkPingResponseSchema,
    errors: [...LINK_ERRORS],
  })
  async ping(@Param('token') token: string): Promise<NetworkPingResponse> {
    const { link } = await this.consults.resolveLink(token);
    await this.pings.consume(link.id);
    return { serverTime: new Date().toISOString() };
  }

  @Post('upload')
  @HttpCode(200)
  @ApiDoc({
    summary: `Timed upload (application/octet-stream, at most ${NETWORK_TEST_MAX_BYTES} bytes) for the uplink estimate`,
    tags: ['waiting room'],
    auth: 'link',
    params: tokenParams,
    response: uplinkTestResponseSchema,
    errors: [...LINK_ERRORS, 'PAYLOAD_TOO_LARGE'],
  })
  async upload(@Param('token') token: string, @Req() request: Request): Promise<UplinkTestResponse> {
    const { link } = await this.consults.resolveLink(token);
    await this.uploads.consume(link.id);
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > NETWORK_TEST_MAX_BYTES) throw tooLarge();
    let receivedBytes = 0;
    let firstByteAt: number | null = null;
    for await (const chunk of request as AsyncIterable<Buffer>) {
      firstByteAt ??= performance.now();
      receivedBytes += chunk.length;
      if (receivedBytes > NETWORK_TEST_MAX_BYTES) throw tooLarge();
    }
    const receiveMs = firstByteAt === null ? 0 : performance.now() - firstByteAt;
    return { receivedBytes, receiveMs: Math.round(receiveMs * 10) / 10 };
  }
}

const tooLarge = () =>
  new ApiError('PAYLOAD_TOO_LARGE', `the upload test accepts at most ${NETWORK_TEST_MAX_BYTES} bytes`);
