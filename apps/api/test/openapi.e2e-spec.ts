import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { discoverRoutes } from '../src/openapi/openapi-document';
import { call } from './support/rest-client';
import { startTestStack, type TestStack } from './support/test-stack';

interface Operation {
  summary: string;
  responses: Record<string, { content?: Record<string, { schema: Record<string, unknown> }> }>;
  requestBody?: { content: Record<string, { schema: Record<string, unknown> }> };
  parameters: Array<{ name: string; in: string }>;
}

describe('OpenAPI document', () => {
  let stack: TestStack;
  beforeAll(async () => {
    stack = await startTestStack('sqlite');
  });
  afterAll(() => stack.close());

  it('documents every REST route the app registers', () => {
    const routes = discoverRoutes(
      stack.app.get(DiscoveryService),
      stack.app.get(MetadataScanner),
      stack.app.get(Reflector),
    );
    expect(routes.length).toBeGreaterThan(15);
    const undocumented = routes
      .filter((r) => !r.doc)
      .map((r) => `${r.method.toUpperCase()} ${r.path} (${r.controller}.${r.handler})`);
    expect(undocumented).toEqual([]);
  });

  it('serves a well-formed OpenAPI 3.1 document generated from the zod schemas', async () => {
    const { status, body } = await call<{
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
    }>(stack.url, 'GET', '/api/openapi.json');
    expect(status).toBe(200);
    expect(body.openapi).toBe('3.1.0');
    const booking = body.paths['/api/appointments']!.post!;
    const bookingBody = booking.requestBody!.content['application/json']!.schema as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(bookingBody.required).toEqual(expect.arrayContaining(['clinicianId', 'startsAt', 'patient']));
    expect(booking.responses['201']!.content!['application/json']!.schema).toMatchObject({ type: 'object' });
    const slots = body.paths['/api/clinicians/{clinicianId}/slots']!.get!;
    expect(slots.parameters.map((p) => `${p.in}:${p.name}`).sort()).toEqual([
      'path:clinicianId',
      'query:from',
      'query:to',
    ]);
    for (const [path, operations] of Object.entries(body.paths)) {
      expect(path).not.toContain(':');
      for (const operation of Object.values(operations)) {
        expect(operation.summary.length).toBeGreaterThan(3);
        expect(Object.keys(operation.responses).length).toBeGreaterThanOrEqual(2);
        for (const param of operation.parameters.filter((p) => p.in === 'path'))
          expect(path).toContain(`{${param.name}}`);
      }
    }
  });

  it('serves the docs UI and its assets from the api itself (no CDN)', async () => {
    const page = await fetch(`${stack.url}/api/docs`);
    expect(page.headers.get('content-type')).toContain('text/html');
    const html = await page.text();
    expect(html).not.toMatch(/https?:\/\//);
    for (const asset of [
      '/api/docs/assets/swagger-ui-bundle.js',
      '/api/docs/assets/swagger-ui.css',
      '/api/docs/assets/init.js',
    ])
      expect((await fetch(`${stack.url}${asset}`)).status).toBe(200);
  });
});
