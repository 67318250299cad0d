import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { AvailabilityResponse, ClinicianDirectoryEntry, SlotsResponse } from '@teleconsult/protocol';
import { type Availability, listSlots } from '@teleconsult/scheduling';
import { In, LessThan, MoreThan, type Repository } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import { User } from '../auth/entities/user.entity';
import { ApiError } from '../common/api-error';
import { AppointmentRow } from './entities/appointment.entity';
import { AvailabilityRow } from './entities/availability.entity';

/** Until a clinician saves their hours they have no bookable slots. */
const NO_AVAILABILITY: Availability = { timeZone: 'Etc/UTC', slotMinutes: 20, weekly: [], exceptions: [] };

@Injectable()
export class AvailabilityService {
  constructor(
    @InjectRepository(AvailabilityRow) private readonly rows: Repository<AvailabilityRow>,
    @InjectRepository(AppointmentRow) private readonly appointments: Repository<AppointmentRow>,
    @InjectRepository(User) private readonly users: Repository<User>,
    private readonly audit: AuditService,
  ) {}

  async get(clinicianId: string): Promise<AvailabilityResponse> {
    const row = await this.rows.findOne({ where: { clinicianId } });
    return { clinicianId, ...this.toAvailability(row), updatedAt: row?.updatedAt.toISOString() ?? null };
  }

  async availabilityOf(clinicianId: string): Promise<Availability> {
    return this.toAvailability(await this.rows.findOne({ where: { clinicianId } }));
  }

  async put(clinicianId: string, availability: Availability, ip: string): Promise<AvailabilityResponse> {
    const row: AvailabilityRow = { clinicianId, ...availability, updatedAt: new Date() };
    await this.rows.save(row);
    await this.audit.record({
      actorType: 'user',
      actorId: clinicianId,
      action: 'availability.updated',
      ip,
      detail: { timeZone: availability.timeZone, slotMinutes: availability.slotMinutes },
    });
    return { clinicianId, ...availability, updatedAt: row.updatedAt.toISOString() };
  }

  /** Clinicians whose diaries staff can book into. */
  async directory(): Promise<ClinicianDirectoryEntry[]> {
    const users = await this.users.find({ where: { role: 'clinician' }, order: { displayName: 'ASC' } });
    return users.map((u) => ({ id: u.id, displayName: u.displayName }));
  }

  async clinician(clinicianId: string): Promise<User> {
    const user = await this.users.findOne({ where: { id: clinicianId, role: 'clinician' } });
    if (!user) throw new ApiError('NOT_FOUND', 'clinicianId: no such clinician', 'clinicianId');
    return user;
  }

  /** Free future slots of a clinician in [from, to). */
  async slots(clinicianId: string, from: Date, to: Date): Promise<SlotsResponse> {
    await this.clinician(clinicianId);
    const availability = await this.availabilityOf(clinicianId);
    const taken = await this.liveAppointmentsBetween(clinicianId, from, to);
    const now = Date.now();
    const slots = listSlots({ availability, from, to, taken }).filter((s) => Date.parse(s.startsAt) > now);
    return { clinicianId, timeZone: availability.timeZone, slotMinutes: availability.slotMinutes, slots };
  }

  /** Live (not cancelled) appointments overlapping [from, to). */
  liveAppointmentsBetween(clinicianId: string, from: Date, to: Date): Promise<AppointmentRow[]> {
    return this.appointments.find({
      where: {
        clinicianId,
        status: In(['booked', 'completed', 'no_show']),
        startsAt: LessThan(to),
        endsAt: MoreThan(from),
      },
    });
  }

  private toAvailability(row: AvailabilityRow | null): Availability {
    if (!row) return NO_AVAILABILITY;
    return {
      timeZone: row.timeZone,
      slotMinutes: row.slotMinutes,
      weekly: row.weekly,
      exceptions: row.exceptions,
    };
  }
}
