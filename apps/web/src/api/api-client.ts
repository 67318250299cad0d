import type {
  AdmitBody,
  ConsultMembership,
  CreateInvitationRequest,
  CreateInvitationResponse,
  Invitation,
  InvitedConsult,
  AuditPage,
  ClinicianAccount,
  CreateClinicianRequest,
  Appointment,
  AppointmentLink,
  AvailabilityRequest,
  AvailabilityResponse,
  BookAppointmentRequest,
  BookAppointmentResponse,
  ClinicianDirectoryEntry,
  SlotsResponse,
  TrendPoint,
  WardView,
  WardStaffList,
  WardStaffMember,
  ConsultNotes,
  ConsultReport,
  ConsultSummary,
  CreateConsultRequest,
  CreateConsultResponse,
  JoinLinkInfo,
  LoginResponse,
  PatientLink,
  RestErrorBody,
  UserInfo,
} from '@teleconsult/protocol';
import { sessionStore } from './session-store';

/** A failed REST call, with the server's code (e.g. LINK_EXPIRED) for the screen to explain. */
export class ApiRequestError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

let refreshing: Promise<boolean> | null = null;

/**
 * Renews the access token from the httpOnly refresh cookie (which rotates). One refresh at a time:
 * concurrent 401s wait for the same one. False when the session is over.
 */
export function refreshSession(): Promise<boolean> {
  refreshing ??= fetch('/api/auth/refresh', { method: 'POST', credentials: 'same-origin' })
    .then(async (response) => {
      if (!response.ok) {
        sessionStore.clear();
        return false;
      }
      sessionStore.set((await response.json()) as LoginResponse);
      return true;
    })
    .catch(() => false)
    .finally(() => {
      refreshing = null;
    });
  return refreshing;
}

async function request<T>(method: string, path: string, body?: unknown, retried = false): Promise<T> {
  const headers: Record<string, string> = {};
  if (body !== undefined) headers['content-type'] = 'application/json';
  const token = sessionStore.get()?.accessToken;
  if (token) headers.authorization = `Bearer ${token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method,
      headers,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    throw new ApiRequestError(
      0,
      'NETWORK',
      'the server cannot be reached — check your connection and try again',
    );
  }
  const payload = (await response.json().catch(() => null)) as unknown;
  if (!response.ok) {
    const error = (payload ?? {}) as Partial<RestErrorBody>;
    if (response.status === 401 && !retried && !path.startsWith('/api/auth/') && (await refreshSession()))
      return request<T>(method, path, body, true);
    if (response.status === 401 && !path.startsWith('/api/auth/login')) sessionStore.clear();
    throw new ApiRequestError(
      response.status,
      error.code ?? 'INTERNAL',
      error.message ?? `request failed (${response.status})`,
      error.field,
    );
  }
  return payload as T;
}

export const api = {
  login: (email: string, password: string) =>
    request<LoginResponse>('POST', '/api/auth/login', { email, password }),
  me: () => request<UserInfo>('GET', '/api/auth/me'),
  logout: () => request<null>('POST', '/api/auth/logout'),
  createConsult: (input: CreateConsultRequest) =>
    request<CreateConsultResponse>('POST', '/api/consults', input),
  listConsults: () => request<ConsultSummary[]>('GET', '/api/consults'),
  getConsult: (id: string) => request<ConsultSummary>('GET', `/api/consults/${encodeURIComponent(id)}`),
  endConsult: (id: string) => request<ConsultSummary>('POST', `/api/consults/${encodeURIComponent(id)}/end`),
  reissueLink: (id: string) =>
    request<PatientLink>('POST', `/api/consults/${encodeURIComponent(id)}/patient-link`),
  describeJoinLink: (token: string) => request<JoinLinkInfo>('GET', `/api/join/${encodeURIComponent(token)}`),
  getNotes: (id: string) => request<ConsultNotes>('GET', `/api/consults/${encodeURIComponent(id)}/notes`),
  saveNotes: (id: string, text: string) =>
    request<ConsultNotes>('PUT', `/api/consults/${encodeURIComponent(id)}/notes`, { text }),
  getAvailability: () => request<AvailabilityResponse>('GET', '/api/availability'),
  saveAvailability: (input: AvailabilityRequest) =>
    request<AvailabilityResponse>('PUT', '/api/availability', input),
  listClinicians: () => request<ClinicianDirectoryEntry[]>('GET', '/api/clinicians'),
  listSlots: (clinicianId: string, from: Date, to: Date) =>
    request<SlotsResponse>(
      'GET',
      `/api/clinicians/${encodeURIComponent(clinicianId)}/slots?from=${from.toISOString()}&to=${to.toISOString()}`,
    ),
  bookAppointment: (input: BookAppointmentRequest) =>
    request<BookAppointmentResponse>('POST', '/api/appointments', input),
  listAppointments: (from: Date, to: Date) =>
    request<Appointment[]>('GET', `/api/appointments?from=${from.toISOString()}&to=${to.toISOString()}`),
  appointmentAction: (id: string, action: 'cancel' | 'no-show', body: object = {}) =>
    request<Appointment>('POST', `/api/appointments/${encodeURIComponent(id)}/${action}`, body),
  rescheduleAppointment: (id: string, startsAt: string) =>
    request<Appointment>('POST', `/api/appointments/${encodeURIComponent(id)}/reschedule`, { startsAt }),
  reissueAppointmentLink: (id: string) =>
    request<AppointmentLink>('POST', `/api/appointments/${encodeURIComponent(id)}/patient-link`),
  listClinicianAccounts: () => request<ClinicianAccount[]>('GET', '/api/admin/clinicians'),
  createClinician: (input: CreateClinicianRequest) =>
    request<ClinicianAccount>('POST', '/api/admin/clinicians', input),
  setClinicianEnabled: (id: string, enabled: boolean) =>
    request<ClinicianAccount>(
      'POST',
      `/api/admin/clinicians/${encodeURIComponent(id)}/${enabled ? 'enable' : 'disable'}`,
    ),
  resetClinicianPassword: (id: string, password: string) =>
    request<ClinicianAccount>('POST', `/api/admin/clinicians/${encodeURIComponent(id)}/password`, {
      password,
    }),
  auditPage: (filters: Record<string, string>) =>
    request<AuditPage>('GET', `/api/admin/audit?${new URLSearchParams(filters).toString()}`),
  getConsultReport: (id: string) =>
    request<ConsultReport>('GET', `/api/consults/${encodeURIComponent(id)}/summary`),
  getMembership: (id: string) =>
    request<ConsultMembership>('GET', `/api/consults/${encodeURIComponent(id)}/membership`),
  listInvitations: (id: string) =>
    request<Invitation[]>('GET', `/api/consults/${encodeURIComponent(id)}/invitations`),
  invite: (id: string, body: CreateInvitationRequest) =>
    request<CreateInvitationResponse>('POST', `/api/consults/${encodeURIComponent(id)}/invitations`, body),
  revokeInvitation: (id: string, invitationId: string) =>
    request<Invitation>(
      'POST',
      `/api/consults/${encodeURIComponent(id)}/invitations/${encodeURIComponent(invitationId)}/revoke`,
    ),
  invitedConsults: () => request<InvitedConsult[]>('GET', '/api/invitations'),
  redeemInvitation: (token: string) =>
    request<{ consultId: string }>('POST', '/api/invitations/redeem', { token }),
  listWards: () => request<{ wards: WardView[] }>('GET', '/api/icu/wards'),
  listWardStaff: (wardId: string) =>
    request<WardStaffList>('GET', `/api/icu/wards/${encodeURIComponent(wardId)}/staff`),
  addWardStaff: (wardId: string, userId: string) =>
    request<WardStaffMember>('POST', `/api/icu/wards/${encodeURIComponent(wardId)}/staff`, { userId }),
  removeWardStaff: (wardId: string, userId: string) =>
    request<null>(
      'DELETE',
      `/api/icu/wards/${encodeURIComponent(wardId)}/staff/${encodeURIComponent(userId)}`,
    ),
  bedTrends: (bedId: string, hours = 4) =>
    request<{ points: TrendPoint[] }>(
      'GET',
      `/api/icu/beds/${encodeURIComponent(bedId)}/trends?hours=${hours}`,
    ),
  admitToBed: (bedId: string, body: AdmitBody) =>
    request<unknown>('POST', `/api/icu/beds/${encodeURIComponent(bedId)}/admission`, body),
  dischargeBed: (bedId: string) =>
    request<unknown>('POST', `/api/icu/beds/${encodeURIComponent(bedId)}/discharge`),
  /** The bed's vital signs as a FHIR Bundle (JSON), for download. */
  bedFhirVitals: (bedId: string) =>
    request<object>('GET', `/api/icu/beds/${encodeURIComponent(bedId)}/fhir/vitals`),
};
