import { RequestMethod } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { z } from 'zod';
import { API_DOC, type ApiDocSpec } from './api-doc.decorator';

/** One REST route as Nest registered it, with its @ApiDoc (undefined when it has none). */
export interface DiscoveredRoute {
  method: string;
  path: string;
  controller: string;
  handler: string;
  doc: ApiDocSpec | undefined;
}

type JsonSchema = Record<string, unknown>;

const joinPath = (...parts: string[]) =>
  `/${parts
    .flatMap((p) => p.split('/'))
    .filter(Boolean)
    .join('/')}`;

/** Every controller route of the running app, found through Nest's own metadata. */
export function discoverRoutes(
  discovery: DiscoveryService,
  scanner: MetadataScanner,
  reflector: Reflector,
): DiscoveredRoute[] {
  const routes: DiscoveredRoute[] = [];
  for (const wrapper of discovery.getControllers()) {
    const instance = wrapper.instance as object | undefined;
    if (!instance || !wrapper.metatype) continue;
    const base = (Reflect.getMetadata(PATH_METADATA, wrapper.metatype) as string | undefined) ?? '';
    const prototype = Object.getPrototypeOf(instance) as Record<string, unknown>;
    for (const name of scanner.getAllMethodNames(prototype)) {
      const handler = prototype[name] as object;
      const path = Reflect.getMetadata(PATH_METADATA, handler) as string | undefined;
      const method = Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod | undefined;
      if (path === undefined || method === undefined) continue;
      routes.push({
        method: RequestMethod[method].toLowerCase(),
        path: joinPath(base, path),
        controller: wrapper.metatype.name,
        handler: name,
        doc: reflector.get<ApiDocSpec | undefined>(API_DOC, handler as () => unknown),
      });
    }
  }
  return routes.sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

/** zod → JSON Schema (draft 2020-12, which OpenAPI 3.1 uses), as the input side for bodies/queries. */
const schemaOf = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema => {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  delete json.$schema;
  return json;
};

const errorBody: JsonSchema = {
  type: 'object',
  required: ['statusCode', 'code', 'message'],
  properties: {
    statusCode: { type: 'integer' },
    code: { type: 'string', description: 'A protocol error code, e.g. VALIDATION_FAILED' },
    message: { type: 'string' },
    field: { type: 'string', description: 'Dotted path of the offending field' },
  },
};

function parametersOf(route: DiscoveredRoute): JsonSchema[] {
  const params = [...route.path.matchAll(/:([A-Za-z0-9_]+)/g)].map((m) => ({
    name: m[1],
    in: 'path',
    required: true,
    schema: { type: 'string' },
  }));
  const query = route.doc?.query ? schemaOf(route.doc.query, 'input') : undefined;
  // An intersection (allOf) of objects is flattened so each query field is its own parameter.
  const parts = (query?.allOf as JsonSchema[] | undefined) ?? (query ? [query] : []);
  const queryParams = parts.flatMap((part) => {
    const properties = (part.properties ?? {}) as Record<string, JsonSchema>;
    const required = new Set((part.required as string[] | undefined) ?? []);
    return Object.entries(properties).map(([name, schema]) => ({
      name,
      in: 'query',
      required: required.has(name),
      schema,
    }));
  });
  return [...params, ...queryParams];
}

/** The OpenAPI 3.1 document of every documented route. */
export function buildOpenApiDocument(routes: DiscoveredRoute[], version: string): JsonSchema {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const doc = route.doc;
    if (!doc) continue;
    const path = route.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
    const status = String(doc.status ?? (route.method === 'post' ? 201 : 200));
    const success = doc.produces
      ? { description: 'OK', content: { [doc.produces]: { schema: { type: 'string' } } } }
      : doc.response
        ? { description: 'OK', content: { 'application/json': { schema: schemaOf(doc.response, 'output') } } }
        : { description: 'OK' };
    const errors = new Set([
      'VALIDATION_FAILED',
      ...(doc.auth === 'bearer' ? ['UNAUTHENTICATED', 'FORBIDDEN'] : []),
      ...(doc.errors ?? []),
    ]);
    (paths[path] ??= {})[route.method] = {
      summary: doc.summary,
      operationId: `${route.controller.replace(/Controller$/, '')}_${route.handler}`,
      tags: doc.tags ?? [],
      ...(doc.auth === 'bearer' ? { security: [{ bearer: [] }] } : { security: [] }),
      parameters: parametersOf(route),
      ...(doc.body
        ? {
            requestBody: {
              required: true,
              content: { 'application/json': { schema: schemaOf(doc.body, 'input') } },
            },
          }
        : {}),
      responses: {
        [status]: success,
        default: {
          description: `An error: ${[...errors].join(', ')}`,
          content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } },
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Teleconsult API',
      version,
      description:
        'REST api of the Teleconsult telemedicine platform. Schemas are generated from the zod schemas the api validates with. Media signalling runs over socket.io (see packages/protocol).',
    },
    servers: [{ url: '/' }],
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } },
      schemas: { Error: errorBody },
    },
    paths,
  };
}
