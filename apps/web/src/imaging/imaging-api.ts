import type { ConsultImage, RestErrorBody } from '@teleconsult/protocol';
import { ApiRequestError, refreshSession } from '../api/api-client';
import { sessionStore } from '../api/session-store';

/** Whose images: a clinician's consult (bearer token) or an admitted patient's link. */
export type ImagingAccess = { kind: 'clinician'; consultId: string } | { kind: 'patient'; joinToken: string };

const base = (access: ImagingAccess) =>
  access.kind === 'clinician'
    ? `/api/consults/${encodeURIComponent(access.consultId)}/images`
    : `/api/join/${encodeURIComponent(access.joinToken)}/images`;

async function send(
  access: ImagingAccess,
  path: string,
  init: RequestInit = {},
  retried = false,
): Promise<Response> {
  const headers = new Headers(init.headers);
  const token = access.kind === 'clinician' ? sessionStore.get()?.accessToken : undefined;
  if (token) headers.set('authorization', `Bearer ${token}`);
  const response = await fetch(`${base(access)}${path}`, { ...init, headers });
  if (response.status === 401 && access.kind === 'clinician' && !retried && (await refreshSession()))
    return send(access, path, init, true);
  if (!response.ok) {
    const error = ((await response.json().catch(() => null)) ?? {}) as Partial<RestErrorBody>;
    throw new ApiRequestError(
      response.status,
      error.code ?? 'INTERNAL',
      error.message ?? `request failed (${response.status})`,
      error.field,
    );
  }
  return response;
}

export const imagingApi = {
  list: async (access: ImagingAccess) => (await (await send(access, '')).json()) as ConsultImage[],
  bytes: async (access: ImagingAccess, imageId: string) =>
    new Uint8Array(await (await send(access, `/${encodeURIComponent(imageId)}`)).arrayBuffer()),
  /** Clinicians only: the raw file as the body; the server checks it is what its type says. */
  upload: async (access: ImagingAccess, file: Blob, name: string) => {
    const type =
      file.type || (name.toLowerCase().endsWith('.dcm') || !name.includes('.') ? 'application/dicom' : '');
    const response = await send(access, `?name=${encodeURIComponent(name)}`, {
      method: 'POST',
      headers: { 'content-type': type || 'application/octet-stream' },
      body: file,
    });
    return (await response.json()) as ConsultImage;
  },
};
