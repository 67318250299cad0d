import type { CreateConsultResponse, LoginResponse } from '@teleconsult/protocol';

export interface JsonResponse<T = Record<string, unknown>> {
  status: number;
  body: T;
}

export async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; rawBody?: string } = {},
): Promise<JsonResponse<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const body = options.rawBody ?? (options.body === undefined ? undefined : JSON.stringify(options.body));
  const response = await fetch(`${url}${path}`, { method, headers, ...(body === undefined ? {} : { body }) });
  // A 204 has no body at all.
  const text = await response.text();
  return { status: response.status, body: (text ? JSON.parse(text) : null) as T };
}

export const DEMO = { email: 'dr.ada@demo.teleconsult', password: 'consult-demo-2026' };

export const DEMO_ADMIN = { email: 'admin@demo.teleconsult', password: 'admin-demo-2026' };

export async function loginDemo(
  url: string,
  account: { email: string; password: string } = DEMO,
): Promise<string> {
  const { body } = await call<LoginResponse>(url, 'POST', '/api/auth/login', { body: account });
  return body.accessToken;
}

export async function createConsult(
  url: string,
  token: string,
  title = 'Follow-up',
): Promise<CreateConsultResponse & { joinToken: string }> {
  const { body } = await call<CreateConsultResponse>(url, 'POST', '/api/consults', {
    token,
    body: { title, patientName: 'Pat Example' },
  });
  return { ...body, joinToken: body.patientLink.url.split('/join/')[1]! };
}
