import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { Appointment, AppointmentLink, BookAppointmentResponse } from '@teleconsult/protocol';
import { isBookableSlot } from '@teleconsult/scheduling';
import { IsNull, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { ApiError } from '../common/api-error';
import { isAppointmentOverlap, isUniqueViolation } from '../common/db-errors';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { ConsultsService, type LinkWindow } from '../consults/consults.service';
import { JoinLink } from '../consults/entities/join-link.entity';
import { AvailabilityService } from './availability.service';
import { AppointmentRow } from './entities/appointment.entity';

/** Who is acting, and from where: every change is audited with both. */
export interface StaffActor {
  userId: string;
  ip: string;
}

export interface BookInput {
  clinicianId: string;
  startsAt: string;
  patient: { name: string; email?: string | undefined; phone?: string | undefined };
  reason?: string | undefined;
}

@Injectable()
export class AppointmentsService implements OnModuleInit {
  constructor(
    @Inject(API_CONFIG) private readonly config: ApiConfig,
    @InjectRepository(AppointmentRow) private readonly rows: Repository<AppointmentRow>,
    @InjectRepository(JoinLink) private readonly links: Repository<JoinLink>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly availability: AvailabilityService,
    private readonly consults: ConsultsService,
    private readonly audit: AuditService,
  ) {}

  onModuleInit(): void {
    // Ending the consult completes its appointment (cancelled / no-show ones keep their status).
    this.consults.events.on('ended', (consultId) => {
      void this.rows
        .update({ consultId, status: 'booked' }, { status: 'completed', updatedAt: new Date() })
        .catch(() => undefined);
    });
  }

  async book(actor: StaffActor, input: BookInput): Promise<BookAppointmentResponse> {
    const clinician = await this.availability.clinician(input.clinicianId);
    const startsAt = new Date(input.startsAt);
    const endsAt = await this.checkSlot(clinician.id, startsAt);
    const availability = await this.availability.availabilityOf(clinician.id);
    const now = new Date();
    const row: AppointmentRow = {
      id: randomUUID(),
      clinicianId: clinician.id,
      bookedBy: actor.userId,
      consultId: randomUUID(),
      startsAt,
      endsAt,
      timeZone: availability.timeZone,
      status: 'booked',
      patientName: input.patient.name,
      patientEmail: input.patient.email ?? null,
      patientPhone: input.patient.phone ?? null,
      reason: input.reason ?? null,
      createdAt: now,
      updatedAt: now,
      cancelledAt: null,
      cancelReason: null,
    };
    // The database decides (unique index on the start, trigger on overlaps): of concurrent
    // bookings of one slot exactly one insert wins.
    await this.insertOrSlotTaken(() => this.rows.insert(row));
    let link;
    try {
      const created = await this.consults.create(
        clinician.id,
        {
          title: input.reason ? input.reason.slice(0, 120) : 'Video consultation',
          patientName: input.patient.name,
        },
        actor.ip,
        { id: row.consultId, linkWindow: this.linkWindow(row) },
      );
      link = created.patientLink;
    } catch (error) {
      await this.rows.delete({ id: row.id });
      throw error;
    }
    await this.record(actor, 'appointment.booked', row, { startsAt: row.startsAt.toISOString() });
    return {
      appointment: this.toView(row, clinician.displayName, link.validFrom, link.expiresAt),
      patientLink: {
        url: link.url,
        validFrom: link.validFrom ?? row.startsAt.toISOString(),
        expiresAt: link.expiresAt,
      },
    };
  }

  /** The caller's own diary, or a colleague's appointments that the caller booked. */
  async list(actor: StaffActor, from: Date, to: Date, clinicianId = actor.userId): Promise<Appointment[]> {
    const where = { clinicianId, ...(clinicianId === actor.userId ? {} : { bookedBy: actor.userId }) };
    const rows = await this.rows
      .createQueryBuilder('a')
      .where(where)
      .andWhere('a.starts_at < :to AND a.ends_at > :from', { from, to })
      .orderBy('a.starts_at', 'ASC')
      .take(500)
      .getMany();
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'appointments.listed',
      ip: actor.ip,
      detail: { clinicianId, from: from.toISOString(), to: to.toISOString(), count: rows.length },
    });
    return this.toViews(rows);
  }

  async get(actor: StaffActor, id: string): Promise<Appointment> {
    const row = await this.accessible(actor, id);
    await this.record(actor, 'appointment.viewed', row);
    return (await this.toViews([row]))[0] as Appointment;
  }

  async reschedule(actor: StaffActor, id: string, startsAtIso: string): Promise<Appointment> {
    const row = await this.bookedOnly(await this.accessible(actor, id), 'reschedule');
    const startsAt = new Date(startsAtIso);
    const endsAt = await this.checkSlot(row.clinicianId, startsAt);
    const previous = row.startsAt.toISOString();
    await this.insertOrSlotTaken(() =>
      this.rows.update({ id: row.id, status: 'booked' }, { startsAt, endsAt, updatedAt: new Date() }),
    );
    Object.assign(row, { startsAt, endsAt });
    await this.consults.moveLinkWindow(row.consultId, this.linkWindow(row));
    await this.record(actor, 'appointment.rescheduled', row, { from: previous, to: startsAt.toISOString() });
    return (await this.toViews([row]))[0] as Appointment;
  }

  async cancel(actor: StaffActor, id: string, reason?: string): Promise<Appointment> {
    const row = await this.bookedOnly(await this.accessible(actor, id), 'cancel');
    const now = new Date();
    await this.rows.update(
      { id: row.id, status: 'booked' },
      { status: 'cancelled', cancelledAt: now, cancelReason: reason ?? null, updatedAt: now },
    );
    Object.assign(row, { status: 'cancelled', cancelledAt: now, cancelReason: reason ?? null });
    await this.consults.cancel(row.consultId, { type: 'user', id: actor.userId, ip: actor.ip });
    await this.record(actor, 'appointment.cancelled', row);
    return (await this.toViews([row]))[0] as Appointment;
  }

  async markNoShow(actor: StaffActor, id: string): Promise<Appointment> {
    const row = await this.bookedOnly(await this.accessible(actor, id), 'mark as no-show');
    if (row.startsAt.getTime() > Date.now())
      throw new ApiError('CONFLICT', 'an appointment can be marked as a no-show only once it has started');
    await this.rows.update({ id: row.id, status: 'booked' }, { status: 'no_show', updatedAt: new Date() });
    row.status = 'no_show';
    await this.consults.end(row.clinicianId, row.consultId, actor.ip);
    await this.record(actor, 'appointment.no_show', row);
    return (await this.toViews([row]))[0] as Appointment;
  }

  /** A new patient link (the old one stops working) with the appointment's window. */
  async reissueLink(actor: StaffActor, id: string): Promise<AppointmentLink> {
    const row = await this.bookedOnly(await this.accessible(actor, id), 'issue a link for');
    const window = this.linkWindow(row);
    const link = await this.consults.reissueLink(row.clinicianId, row.consultId, actor.ip, window);
    return { url: link.url, validFrom: window.validFrom.toISOString(), expiresAt: link.expiresAt };
  }

  /** The row, if the caller owns the diary or booked it; others get the same 404 as a missing one. */
  async accessible(actor: StaffActor, id: string): Promise<AppointmentRow> {
    const row = await this.rows.findOne({ where: { id } });
    if (!row || (row.clinicianId !== actor.userId && row.bookedBy !== actor.userId))
      throw new ApiError('NOT_FOUND', 'no such appointment', 'id');
    return row;
  }

  async clinicianName(clinicianId: string): Promise<string> {
    return (await this.users.findOneOrFail({ where: { id: clinicianId } })).displayName;
  }

  private bookedOnly(row: AppointmentRow, verb: string): AppointmentRow {
    if (row.status !== 'booked')
      throw new ApiError('CONFLICT', `cannot ${verb} an appointment that is ${row.status.replace('_', '-')}`);
    return row;
  }

  /**
   * The slot's end if `startsAt` is a future, bookable slot of the clinician; else why not. Whether
   * it is free is the database's answer at the write (unique index + overlap trigger, see
   * insertOrSlotTaken): a read here first would only repeat that check and still lose races.
   */
  private async checkSlot(clinicianId: string, startsAt: Date): Promise<Date> {
    if (startsAt.getTime() <= Date.now())
      throw new ApiError('SLOT_UNAVAILABLE', 'startsAt: this time is in the past', 'startsAt');
    const availability = await this.availability.availabilityOf(clinicianId);
    if (!isBookableSlot(availability, startsAt))
      throw new ApiError(
        'SLOT_UNAVAILABLE',
        "startsAt: not one of the clinician's bookable slots (outside their hours or off the slot grid)",
        'startsAt',
      );
    return new Date(startsAt.getTime() + availability.slotMinutes * 60_000);
  }

  private async insertOrSlotTaken(write: () => Promise<unknown>): Promise<void> {
    try {
      await write();
    } catch (error) {
      if (isUniqueViolation(error) || isAppointmentOverlap(error)) throw this.slotTaken();
      throw error;
    }
  }

  private slotTaken(): ApiError {
    return new ApiError(
      'SLOT_UNAVAILABLE',
      'startsAt: this slot has just been booked — choose another',
      'startsAt',
    );
  }

  private linkWindow(row: Pick<AppointmentRow, 'startsAt' | 'endsAt'>): LinkWindow {
    return {
      validFrom: new Date(row.startsAt.getTime() - this.config.LINK_OPENS_BEFORE_MINUTES * 60_000),
      expiresAt: new Date(row.endsAt.getTime() + this.config.LINK_GRACE_AFTER_MINUTES * 60_000),
    };
  }

  private async toViews(rows: AppointmentRow[]): Promise<Appointment[]> {
    if (rows.length === 0) return [];
    const names = new Map<string, string>();
    for (const id of new Set(rows.map((r) => r.clinicianId))) names.set(id, await this.clinicianName(id));
    const live = await this.links.find({
      where: rows.map((r) => ({ consultId: r.consultId, revokedAt: IsNull() })),
    });
    const windowOf = new Map(live.map((l) => [l.consultId, l]));
    return rows.map((r) => {
      const link = windowOf.get(r.consultId);
      return this.toView(
        r,
        names.get(r.clinicianId) ?? '',
        link?.validFrom?.toISOString() ?? null,
        link?.expiresAt.toISOString() ?? null,
      );
    });
  }

  private toView(
    row: AppointmentRow,
    clinicianName: string,
    validFrom: string | null,
    until: string | null,
  ): Appointment {
    return {
      id: row.id,
      clinicianId: row.clinicianId,
      clinicianName,
      bookedBy: row.bookedBy,
      startsAt: row.startsAt.toISOString(),
      endsAt: row.endsAt.toISOString(),
      timeZone: row.timeZone,
      status: row.status,
      patientName: row.patientName,
      patientEmail: row.patientEmail,
      patientPhone: row.patientPhone,
      reason: row.reason,
      consultId: row.consultId,
      linkValidFrom: validFrom,
      linkValidUntil: until,
      createdAt: row.createdAt.toISOString(),
      cancelledAt: row.cancelledAt?.toISOString() ?? null,
      cancelReason: row.cancelReason,
    };
  }

  private record(
    actor: StaffActor,
    action: string,
    row: AppointmentRow,
    detail: Record<string, unknown> = {},
  ) {
    return this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action,
      consultId: row.consultId,
      ip: actor.ip,
      detail: { appointmentId: row.id, ...detail },
    });
  }
}
