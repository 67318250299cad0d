import { z } from 'zod';
import { consultSummarySchema } from './rest';

/**
 * Specialists joining a running consult. The consult's clinician (its owner) invites a colleague
 * by account, or creates a one-time link for an external specialist who signs in and redeems it.
 * An invited clinician enters the room directly; they may see, hear, chat and view images, but
 * not admit patients, end the consult, re-issue patient links or read the owner's private notes.
 */

/** Largest room: more peers than this get ROOM_FULL on joining. */
export const MAX_ROOM_PARTICIPANTS = 8;

export const createInvitationRequestSchema = z.discriminatedUnion('kind', [
  /** A colleague with an account here (from the clinician directory). */
  z.object({ kind: z.literal('account'), clinicianId: z.string().uuid() }),
  /** A one-time link: the first clinician who signs in and redeems it becomes the invitee. */
  z.object({ kind: z.literal('link') }),
]);
export type CreateInvitationRequest = z.infer<typeof createInvitationRequestSchema>;

export const invitationStatusSchema = z.enum(['pending', 'accepted', 'revoked', 'expired']);
export type InvitationStatus = z.infer<typeof invitationStatusSchema>;

export const invitationSchema = z.object({
  id: z.string().uuid(),
  consultId: z.string().uuid(),
  kind: z.enum(['account', 'link']),
  /** The invited clinician: known at once for an account invitation, once redeemed for a link. */
  inviteeId: z.string().nullable(),
  inviteeName: z.string().nullable(),
  /** pending: link not redeemed yet; accepted: has an invitee who may join; revoked/expired: no longer. */
  status: invitationStatusSchema,
  createdAt: z.string(),
  /** A link must be redeemed before this; null for account invitations (they last as the consult does). */
  expiresAt: z.string().nullable(),
  redeemedAt: z.string().nullable(),
});
export type Invitation = z.infer<typeof invitationSchema>;
export const invitationListSchema = z.array(invitationSchema);

/** The link of a link invitation is returned once, at creation: only its hash is stored. */
export const createInvitationResponseSchema = z.object({
  invitation: invitationSchema,
  url: z.string().nullable(),
});
export type CreateInvitationResponse = z.infer<typeof createInvitationResponseSchema>;

/** A consult the caller was invited to, for their dashboard. */
export const invitedConsultSchema = z.object({
  invitationId: z.string().uuid(),
  consult: consultSummarySchema,
  ownerName: z.string(),
  invitedAt: z.string(),
});
export type InvitedConsult = z.infer<typeof invitedConsultSchema>;
export const invitedConsultListSchema = z.array(invitedConsultSchema);

export const redeemInvitationResponseSchema = z.object({ consultId: z.string().uuid() });
export type RedeemInvitationResponse = z.infer<typeof redeemInvitationResponseSchema>;

/** Whether the caller owns the consult or was invited to it (the web room page shows controls by it). */
export const consultAccessSchema = z.enum(['owner', 'invited']);
export type ConsultAccessRole = z.infer<typeof consultAccessSchema>;

/**
 * A FHIR R4 Bundle (type collection) of one consult: Encounter, Appointment, Practitioners,
 * ImagingStudy per DICOM study, DocumentReference per PNG/JPEG. Only the shape the api writes is
 * checked here; FHIR servers validate resources themselves.
 */
export const fhirResourceSchema = z.object({ resourceType: z.string(), id: z.string() }).passthrough();
export type FhirResource = z.infer<typeof fhirResourceSchema>;
export const fhirBundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('collection'),
  timestamp: z.string(),
  entry: z.array(z.object({ fullUrl: z.string(), resource: fhirResourceSchema })),
});
export type FhirBundle = z.infer<typeof fhirBundleSchema>;

/** A consult as one clinician may open it, and whether they own it or were invited. */
export const consultMembershipSchema = z.object({
  consult: consultSummarySchema,
  access: consultAccessSchema,
  ownerName: z.string(),
});
export type ConsultMembership = z.infer<typeof consultMembershipSchema>;
