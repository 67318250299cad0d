import { vi } from 'vitest';

/** Test helper: a stand-in for window.fetch that answers REST calls from a route table. */
export interface FakeCall {
  method: string;
  url: string;
  body: unknown;
}
const REPLY = Symbol('reply');
interface Reply {
  [REPLY]: true;
  status: number;
  body: unknown;
}
/** A non-200 answer (or any explicit status); plain return values are sent as 200 JSON. */
export const reply = (status: number, body: unknown): Reply => ({ [REPLY]: true, status, body });
type Handler = (call: FakeCall, match: RegExpMatchArray) => unknown;

export function fakeFetch(routes: Array<[method: string, path: RegExp, handler: Handler]>) {
  const calls: FakeCall[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const method = (init?.method ?? 'GET').toUpperCase();
    const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const call = { method, url, body };
    calls.push(call);
    for (const [routeMethod, pattern, handler] of routes) {
      const match = url.match(pattern);
      if (routeMethod !== method || !match) continue;
      const result = handler(call, match);
      const { status, body: payload } =
        result && typeof result === 'object' && REPLY in result
          ? (result as Reply)
          : { status: 200, body: result };
      return new Response(JSON.stringify(payload ?? null), {
        status,
        headers: { 'content-type': 'application/json' },
      });
    }
    return new Response(JSON.stringify({ statusCode: 404, code: 'NOT_FOUND', message: `no route ${url}` }), {
      status: 404,
    });
  });
  vi.stubGlobal('fetch', fetch);
  return { fetch, calls };
}
