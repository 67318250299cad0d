import { randomUUID } from 'node:crypto';
import { Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { DEFAULT_THRESHOLDS } from '@teleconsult/clinical';
import type {
  AdmissionView,
  AdmitBody,
  BedSettingsBody,
  BedView,
  CreateBedBody,
  CreateWardBody,
  DeviceTokenIssued,
  Handover,
  WardView,
} from '@teleconsult/protocol';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { isUniqueViolation } from '../common/db-errors';
import { hashLinkToken, newLinkToken } from '../consults/link-token';
import { AlarmEngine } from './alarm-engine.service';
import { AdmissionRow } from './entities/admission.entity';
import { BedRow } from './entities/bed.entity';
import { WardRow } from './entities/ward.entity';
import { LiveBeds } from './live-beds.service';

export interface Actor {
  userId: string;
  name: string;
  ip: string;
}

/** Wards, beds, device enrolment and admissions; composes the BedView stations see. */
@Injectable()
export class WardsService implements OnModuleInit {
  constructor(
    @InjectRepository(WardRow) private readonly wards: Repository<WardRow>,
    @InjectRepository(BedRow) private readonly beds: Repository<BedRow>,
    @InjectRepository(AdmissionRow) private readonly admissions: Repository<AdmissionRow>,
    private readonly live: LiveBeds,
    private readonly alarms: AlarmEngine,
    private readonly audit: AuditService,
  ) {}

  /** Each bed's thresholds and SpO2 scale reach the alarm engine before any sample does. */
  async onModuleInit(): Promise<void> {
    for (const bed of await this.beds.find()) this.configureAlarms(bed);
  }

  async listWards(): Promise<WardView[]> {
    const [wards, beds] = await Promise.all([this.wards.find({ order: { name: 'ASC' } }), this.beds.find()]);
    return wards.map((ward) => toWardView(ward, beds.filter((b) => b.wardId === ward.id).length));
  }

  async ward(wardId: string): Promise<WardView> {
    const ward = await this.wards.findOneBy({ id: wardId });
    if (!ward) throw new ApiError('NOT_FOUND', 'no such ward', 'wardId');
    return toWardView(ward, await this.beds.countBy({ wardId }));
  }

  async createWard(body: CreateWardBody, actor: Actor): Promise<WardView> {
    const ward: WardRow = { id: randomUUID(), name: body.name, kind: body.kind, createdAt: new Date() };
    await this.wards.insert(ward);
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'icu.ward.created',
      ip: actor.ip,
      detail: { wardId: ward.id, name: ward.name, kind: ward.kind },
    });
    return toWardView(ward, 0);
  }

  async createBed(wardId: string, body: CreateBedBody, actor: Actor): Promise<BedView> {
    const ward = await this.ward(wardId);
    if (body.kind === 'ambulance' && ward.kind !== 'ed')
      throw new ApiError(
        'VALIDATION_FAILED',
        'kind: ambulances belong to an emergency department (ed) ward',
        'kind',
      );
    const bed: BedRow = {
      id: randomUUID(),
      wardId,
      label: body.label,
      kind: body.kind,
      callSign: body.callSign ?? null,
      deviceTokenHash: null,
      settings: {},
      handover: null,
      createdAt: new Date(),
    };
    try {
      await this.beds.insert(bed);
    } catch (error) {
      if (isUniqueViolation(error))
        throw new ApiError('CONFLICT', `ward already has a bed labelled "${body.label}"`, 'label');
      throw error;
    }
    this.configureAlarms(bed);
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'icu.bed.created',
      ip: actor.ip,
      detail: { wardId, bedId: bed.id, label: bed.label, kind: bed.kind },
    });
    return this.view(bed, null);
  }

  /** A new device token for the bed; any device enrolled before is cut off. Shown once. */
  async issueDeviceToken(bedId: string, actor: Actor): Promise<DeviceTokenIssued> {
    const bed = await this.bed(bedId);
    const deviceToken = newLinkToken();
    await this.beds.update({ id: bed.id }, { deviceTokenHash: hashLinkToken(deviceToken) });
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'icu.device.enrolled',
      ip: actor.ip,
      detail: { bedId },
    });
    return { bedId, deviceToken };
  }

  /** The bed a device token belongs to, or null (unknown, replaced or malformed token). */
  async bedForDevice(deviceToken: string): Promise<BedRow | null> {
    if (!/^[A-Za-z0-9_-]{16,256}$/.test(deviceToken)) return null;
    return this.beds.findOneBy({ deviceTokenHash: hashLinkToken(deviceToken) });
  }

  async bed(bedId: string): Promise<BedRow> {
    const bed = await this.beds.findOneBy({ id: bedId });
    if (!bed) throw new ApiError('NOT_FOUND', 'no such bed', 'bedId');
    return bed;
  }

  async bedsOf(wardId: string): Promise<BedRow[]> {
    return this.beds.find({ where: { wardId }, order: { label: 'ASC' } });
  }

  async bedViews(wardId: string): Promise<BedView[]> {
    const beds = await this.bedsOf(wardId);
    const open = await this.admissions.findBy({ dischargedAt: IsNull() });
    return beds
      .map((bed) => this.view(bed, open.find((a) => a.bedId === bed.id) ?? null))
      .sort((a, b) => a.label.localeCompare(b.label, undefined, { numeric: true }));
  }

  async bedView(bedId: string): Promise<BedView> {
    const bed = await this.bed(bedId);
    return this.view(bed, await this.openAdmission(bedId));
  }

  openAdmission(bedId: string): Promise<AdmissionRow | null> {
    return this.admissions.findOneBy({ bedId, dischargedAt: IsNull() });
  }

  async updateSettings(bedId: string, body: BedSettingsBody, actor: Actor): Promise<BedView> {
    const bed = await this.bed(bedId);
    bed.settings = { ...bed.settings, ...body };
    await this.beds.update({ id: bed.id }, { settings: bed.settings });
    this.configureAlarms(bed);
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'icu.bed.settings',
      ip: actor.ip,
      detail: { bedId, ...body },
    });
    this.live.changed(bedId);
    return this.view(bed, await this.openAdmission(bedId));
  }

  async admit(bedId: string, body: AdmitBody, actor: Actor): Promise<AdmissionView> {
    const bed = await this.bed(bedId);
    if (bed.kind === 'ambulance')
      throw new ApiError(
        'VALIDATION_FAILED',
        'bedId: ambulance patients arrive by handover, not admission',
        'bedId',
      );
    const row: AdmissionRow = {
      id: randomUUID(),
      bedId,
      patientName: body.patientName,
      mrn: body.mrn ?? null,
      admittedBy: actor.userId,
      admittedAt: new Date(),
      dischargedAt: null,
    };
    try {
      await this.admissions.insert(row);
    } catch (error) {
      // The partial unique index: one open admission per bed, even under concurrent requests.
      if (isUniqueViolation(error))
        throw new ApiError('CONFLICT', 'this bed already has a patient; discharge first');
      throw error;
    }
    if (body.spo2Scale)
      await this.beds.update({ id: bedId }, { settings: { ...bed.settings, spo2Scale: body.spo2Scale } });
    this.configureAlarms({
      ...bed,
      settings: { ...bed.settings, ...(body.spo2Scale ? { spo2Scale: body.spo2Scale } : {}) },
    });
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'icu.patient.admitted',
      ip: actor.ip,
      detail: { bedId, admissionId: row.id },
    });
    this.live.changed(bedId);
    return toAdmissionView(row);
  }

  async discharge(bedId: string, actor: Actor): Promise<void> {
    const open = await this.openAdmission(bedId);
    if (!open) throw new ApiError('CONFLICT', 'this bed has no patient to discharge');
    await this.admissions.update({ id: open.id }, { dischargedAt: new Date() });
    // The next patient starts with the ward's default settings and no alarms.
    await this.beds.update({ id: bedId }, { settings: {} });
    this.configureAlarms({ ...(await this.bed(bedId)), settings: {} });
    this.alarms.reset(bedId);
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'icu.patient.discharged',
      ip: actor.ip,
      detail: { bedId, admissionId: open.id },
    });
    this.live.changed(bedId);
  }

  async saveHandover(bedId: string, handover: Handover): Promise<void> {
    await this.beds.update({ id: bedId }, { handover });
  }

  private configureAlarms(bed: BedRow): void {
    this.alarms.configure(bed.id, {
      thresholds: bed.settings.thresholds ?? DEFAULT_THRESHOLDS,
      spo2Scale: bed.settings.spo2Scale ?? 1,
    });
  }

  private view(bed: BedRow, admission: AdmissionRow | null): BedView {
    const live = this.live.get(bed.id, bed.wardId);
    return {
      id: bed.id,
      wardId: bed.wardId,
      label: bed.label,
      kind: bed.kind,
      callSign: bed.callSign,
      admission: admission ? toAdmissionView(admission) : null,
      online: live.deviceSocketId !== null,
      latest: live.latest,
      artefacts: live.artefacts,
      news2: live.news2,
      alarms: this.alarms.alarmsOf(bed.id),
      videoProducerId: live.videoProducerId,
      waveformProducerId: live.waveformProducerId,
      microphoneProducerId: live.microphoneProducerId,
      talk: live.talk ? { clinician: live.talk.clinician, since: live.talk.since.toISOString() } : null,
      thresholds: bed.settings.thresholds ?? DEFAULT_THRESHOLDS,
      spo2Scale: bed.settings.spo2Scale ?? 1,
      handover: bed.handover,
    };
  }
}

const toWardView = (ward: WardRow, bedCount: number): WardView => ({
  id: ward.id,
  name: ward.name,
  kind: ward.kind,
  bedCount,
});

const toAdmissionView = (row: AdmissionRow): AdmissionView => ({
  id: row.id,
  patientName: row.patientName,
  mrn: row.mrn,
  admittedAt: row.admittedAt.toISOString(),
});
