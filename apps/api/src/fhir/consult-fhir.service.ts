import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { FhirBundle } from '@teleconsult/protocol';
import { inspectDicom } from '@teleconsult/imaging';
import type { Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ConsultsService } from '../consults/consults.service';
import { ConsultImageRow } from '../imaging/entities/consult-image.entity';
import { ConsultAccess } from '../invitations/consult-access.service';
import { InvitationsService } from '../invitations/invitations.service';
import { ConsultParticipant } from '../lobby/entities/consult-participant.entity';
import { AppointmentRow } from '../scheduling/entities/appointment.entity';
import { type ConsultRecord, consultBundle } from './consult-bundle';

/** A UID under the 2.25 root (ITU-T X.667) from a UUID, for a DICOM file whose UIDs cannot be read. */
const uidOf = (uuid: string) => `2.25.${BigInt(`0x${uuid.replace(/-/g, '')}`).toString()}`;

/** Gathers a consult's record and writes it as a FHIR R4 Bundle, for its owner or an invited clinician. */
@Injectable()
export class ConsultFhirService {
  private readonly logger = new Logger('ConsultFhirService');

  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    private readonly access: ConsultAccess,
    private readonly consults: ConsultsService,
    private readonly invitations: InvitationsService,
    private readonly audit: AuditService,
    @InjectRepository(ConsultImageRow) private readonly images: Repository<ConsultImageRow>,
    @InjectRepository(ConsultParticipant) private readonly participants: Repository<ConsultParticipant>,
    @InjectRepository(AppointmentRow) private readonly appointments: Repository<AppointmentRow>,
  ) {}

  async export(userId: string, consultId: string, ip: string): Promise<FhirBundle> {
    const { consult } = await this.access.open(userId, consultId);
    const [appointment, participants, images, invitees] = await Promise.all([
      this.appointments.findOne({ where: { consultId } }),
      this.participants.find({ where: { consultId } }),
      this.images.find({ where: { consultId }, order: { createdAt: 'ASC' } }),
      this.invitations.invitees(consultId),
    ]);
    const rowOf = (id: string) => participants.find((p) => p.userId === id);
    const record: ConsultRecord = {
      consult,
      appointment,
      owner: { id: consult.clinicianId, name: await this.consults.clinicianName(consult.clinicianId) },
      ownerPeriod: {
        joinedAt: rowOf(consult.clinicianId)?.joinedAt ?? null,
        leftAt: rowOf(consult.clinicianId)?.leftAt ?? null,
      },
      invitees: invitees.map(({ user }) => ({
        id: user.id,
        name: user.displayName,
        joinedAt: rowOf(user.id)?.joinedAt ?? null,
        leftAt: rowOf(user.id)?.leftAt ?? null,
      })),
      patientDisplay:
        participants.find((p) => p.role === 'patient' && p.status === 'admitted')?.displayName ?? null,
      dicom: [],
      pictures: [],
    };
    for (const image of images) {
      if (image.kind === 'dicom') record.dicom.push(await this.dicomEntry(image));
      else
        record.pictures.push({
          imageId: image.id,
          contentType: image.kind === 'png' ? 'image/png' : 'image/jpeg',
          fileName: image.fileName,
          byteSize: image.byteSize,
          uploadedAt: image.createdAt,
        });
    }
    await this.audit.record({
      actorType: 'user',
      actorId: userId,
      action: 'consult.exported',
      consultId,
      ip,
      detail: { format: 'fhir-r4', images: images.length },
    });
    return consultBundle(record, this.config.PUBLIC_URL);
  }

  /**
   * Study, series and instance UIDs come from the stored (de-identified) file, so the export names
   * exactly what the consult holds. The index row does not keep them; reading the file at export
   * time avoids a second copy that could disagree with it.
   */
  private async dicomEntry(image: ConsultImageRow): Promise<ConsultRecord['dicom'][number]> {
    const base = {
      imageId: image.id,
      modality: image.summary.modality,
      uploadedAt: image.createdAt,
    };
    try {
      const bytes = await readFile(join(this.config.DATA_DIR, 'images', image.consultId, `${image.id}.dcm`));
      const { summary } = inspectDicom(new Uint8Array(bytes), Number.MAX_SAFE_INTEGER);
      return {
        ...base,
        studyUid: summary.studyInstanceUid ?? uidOf(image.consultId),
        seriesUid: summary.seriesInstanceUid ?? uidOf(image.id),
        sopInstanceUid: summary.sopInstanceUid,
        sopClassUid: summary.sopClassUid,
      };
    } catch (error) {
      this.logger.warn(`image ${image.id}: UIDs unreadable (${String(error)}); derived ones are exported`);
      return {
        ...base,
        studyUid: uidOf(image.consultId),
        seriesUid: uidOf(image.id),
        sopInstanceUid: uidOf(image.id),
        sopClassUid: '1.2.840.10008.5.1.4.1.1.7',
      };
    }
  }
}
