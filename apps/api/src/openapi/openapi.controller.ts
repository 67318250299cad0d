import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Controller, Get, Header, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { ApiDoc } from './api-doc.decorator';
import { buildOpenApiDocument, discoverRoutes } from './openapi-document';

const version = (
  JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as { version: string }
).version;

/** The OpenAPI document, built once at start from the routes' @ApiDoc metadata. */
@Controller('api')
export class OpenApiController implements OnApplicationBootstrap {
  private document: Record<string, unknown> = {};

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.document = buildOpenApiDocument(
      discoverRoutes(this.discovery, this.scanner, this.reflector),
      version,
    );
  }

  @Get('openapi.json')
  @ApiDoc({ summary: 'This document (OpenAPI 3.1)', tags: ['meta'], auth: 'none' })
  openapi(): Record<string, unknown> {
    return this.document;
  }

  @Get('docs')
  @Header('content-type', 'text/html; charset=utf-8')
  @Header(
    'content-security-policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'",
  )
  @ApiDoc({
    summary: 'Interactive API documentation (Swagger UI, served locally)',
    tags: ['meta'],
    auth: 'none',
    produces: 'text/html',
  })
  docs(): string {
    return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Teleconsult API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head>
<body><div id="swagger-ui"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/assets/init.js"></script></body></html>`;
  }
}
