import type { FhirBundle, FhirResource } from '@teleconsult/protocol';

/** What a consult's FHIR export is built from; gathered by ConsultFhirService. */
export interface ConsultRecord {
  consult: {
    id: string;
    title: string;
    status: 'scheduled' | 'active' | 'ended';
    patientName: string | null;
    createdAt: Date;
    startedAt: Date | null;
    endedAt: Date | null;
  };
  appointment: {
    id: string;
    status: 'booked' | 'completed' | 'cancelled' | 'no_show';
    startsAt: Date;
    endsAt: Date;
    reason: string | null;
  } | null;
  owner: { id: string; name: string };
  /** Invited clinicians who accepted (redeemed or were invited by account). */
  invitees: Array<{ id: string; name: string; joinedAt: Date | null; leftAt: Date | null }>;
  /** The patient's name as they gave it on joining, when the consult has none on record. */
  patientDisplay: string | null;
  ownerPeriod: { joinedAt: Date | null; leftAt: Date | null };
  dicom: Array<{
    imageId: string;
    studyUid: string;
    seriesUid: string;
    sopInstanceUid: string;
    sopClassUid: string;
    modality: string | null;
    uploadedAt: Date;
  }>;
  pictures: Array<{
    imageId: string;
    contentType: 'image/png' | 'image/jpeg';
    fileName: string;
    byteSize: number;
    uploadedAt: Date;
  }>;
}

const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';
const PARTICIPATION = 'http://terminology.hl7.org/CodeSystem/v3-ParticipationType';
const DCM = 'http://dicom.nema.org/resources/ontology/DCM';

const iso = (date: Date | null | undefined) => date?.toISOString();
const withoutUndefined = <T extends Record<string, unknown>>(value: T): T =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
const period = (start: Date | null | undefined, end: Date | null | undefined) =>
  start || end ? withoutUndefined({ start: iso(start), end: iso(end) }) : undefined;

const ENCOUNTER_STATUS = { scheduled: 'planned', active: 'in-progress', ended: 'finished' } as const;
const APPOINTMENT_STATUS = {
  booked: 'booked',
  completed: 'fulfilled',
  cancelled: 'cancelled',
  no_show: 'noshow',
} as const;

const role = (code: 'PPRF' | 'CON', display: string) => [
  { coding: [{ system: PARTICIPATION, code, display }] },
];

/**
 * A consult as a FHIR R4 Bundle (type collection): the Encounter (class VR, virtual), its
 * Appointment, a Practitioner per clinician (owner as primary performer, invitees as consultants),
 * an ImagingStudy per DICOM study shared and a DocumentReference per PNG/JPEG. The patient has no
 * record here (they join by link, without an identity), so the subject is a display name only.
 */
export function consultBundle(record: ConsultRecord, baseUrl: string, now = new Date()): FhirBundle {
  const { consult } = record;
  const encounterRef = { reference: `Encounter/${consult.id}` };
  const subject = { display: consult.patientName ?? record.patientDisplay ?? 'Patient (joined by link)' };
  const practitioners = [record.owner, ...record.invitees].filter(
    (p, i, all) => all.findIndex((q) => q.id === p.id) === i,
  );
  const appointmentId = record.appointment?.id ?? consult.id;

  const practitionerResources: FhirResource[] = practitioners.map((p) => ({
    resourceType: 'Practitioner',
    id: p.id,
    active: true,
    name: [{ text: p.name }],
  }));

  const appointment: FhirResource = withoutUndefined({
    resourceType: 'Appointment',
    id: appointmentId,
    status: record.appointment
      ? APPOINTMENT_STATUS[record.appointment.status]
      : consult.status === 'ended'
        ? 'fulfilled'
        : 'booked',
    description: consult.title,
    comment: record.appointment?.reason ?? undefined,
    start: iso(record.appointment?.startsAt ?? consult.startedAt ?? consult.createdAt),
    end: iso(record.appointment?.endsAt ?? consult.endedAt),
    created: iso(consult.createdAt),
    participant: [
      {
        actor: { reference: `Practitioner/${record.owner.id}`, display: record.owner.name },
        required: 'required',
        status: 'accepted',
      },
      { actor: subject, required: 'required', status: 'accepted' },
    ],
  });

  const encounter: FhirResource = withoutUndefined({
    resourceType: 'Encounter',
    id: consult.id,
    status: ENCOUNTER_STATUS[consult.status],
    class: { system: ACT_CODE, code: 'VR', display: 'virtual' },
    type: [{ text: consult.title }],
    subject,
    participant: [
      withoutUndefined({
        type: role('PPRF', 'primary performer'),
        individual: { reference: `Practitioner/${record.owner.id}`, display: record.owner.name },
        period: period(record.ownerPeriod.joinedAt, record.ownerPeriod.leftAt),
      }),
      ...record.invitees.map((p) =>
        withoutUndefined({
          type: role('CON', 'consultant'),
          individual: { reference: `Practitioner/${p.id}`, display: p.name },
          period: period(p.joinedAt, p.leftAt),
        }),
      ),
    ],
    appointment: [{ reference: `Appointment/${appointmentId}` }],
    period: period(consult.startedAt, consult.endedAt),
  });

  // DICOM instances grouped by study, then series, as ImagingStudy wants them.
  const studies = new Map<string, ConsultRecord['dicom']>();
  for (const image of record.dicom)
    studies.set(image.studyUid, [...(studies.get(image.studyUid) ?? []), image]);
  const imagingStudies: FhirResource[] = [...studies.entries()].map(([studyUid, images]) => {
    const series = new Map<string, ConsultRecord['dicom']>();
    for (const image of images) series.set(image.seriesUid, [...(series.get(image.seriesUid) ?? []), image]);
    const modalities = [...new Set(images.flatMap((i) => (i.modality ? [i.modality] : [])))];
    return withoutUndefined({
      resourceType: 'ImagingStudy',
      id: images[0]!.imageId,
      identifier: [{ system: 'urn:dicom:uid', value: `urn:oid:${studyUid}` }],
      status: 'available',
      modality: modalities.length ? modalities.map((code) => ({ system: DCM, code })) : undefined,
      subject,
      encounter: encounterRef,
      started: iso(images[0]!.uploadedAt),
      numberOfSeries: series.size,
      numberOfInstances: images.length,
      series: [...series.entries()].map(([seriesUid, members], index) =>
        withoutUndefined({
          uid: seriesUid,
          number: index + 1,
          modality: { system: DCM, code: members[0]!.modality ?? 'OT' },
          numberOfInstances: members.length,
          instance: members.map((m, n) => ({
            uid: m.sopInstanceUid,
            sopClass: { system: 'urn:ietf:rfc:3986', code: `urn:oid:${m.sopClassUid}` },
            number: n + 1,
          })),
        }),
      ),
    });
  });

  const documents: FhirResource[] = record.pictures.map((picture) => ({
    resourceType: 'DocumentReference',
    id: picture.imageId,
    status: 'current',
    type: { text: 'Image shared in a consult' },
    subject,
    date: picture.uploadedAt.toISOString(),
    author: [{ reference: `Practitioner/${record.owner.id}`, display: record.owner.name }],
    content: [
      {
        attachment: {
          contentType: picture.contentType,
          url: `${baseUrl}/api/consults/${consult.id}/images/${picture.imageId}`,
          size: picture.byteSize,
          title: picture.fileName,
          creation: picture.uploadedAt.toISOString(),
        },
      },
    ],
    context: { encounter: [encounterRef] },
  }));

  const resources = [encounter, appointment, ...practitionerResources, ...imagingStudies, ...documents];
  return {
    resourceType: 'Bundle',
    type: 'collection',
    timestamp: now.toISOString(),
    entry: resources.map((resource) => ({
      fullUrl: `${baseUrl}/fhir/${resource.resourceType}/${resource.id}`,
      resource,
    })),
  };
}
