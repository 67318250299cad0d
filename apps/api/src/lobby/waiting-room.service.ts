import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import type { WaitingPatient } from '@teleconsult/protocol';
import { AuditService } from '../audit/audit.service';
import { ApiError } from '../common/api-error';
import { ConsultsService } from '../consults/consults.service';
import { ParticipantsService } from './participants.service';

interface WaitingEntry {
  patient: WaitingPatient;
  clinicianId: string;
  socketId: string;
}

export interface ClinicianActor {
  userId: string;
  ip: string;
}

interface WaitingRoomEvents {
  /** The waiting list of this clinician's consult changed. */
  changed: [clinicianId: string, consultId: string];
  admitted: [participantId: string, consultId: string];
  denied: [participantId: string, consultId: string, message: string];
}

const DEFAULT_DENY_MESSAGE =
  'The clinician could not see you in this consultation. Please contact the clinic if you think this is a mistake.';

/**
 * Who is waiting, right now, for which consult. Presence lives here (one connected socket per
 * waiting patient); the admission itself is persisted by ParticipantsService. Gateways listen to
 * `events` and tell the sockets concerned.
 */
@Injectable()
export class WaitingRoom {
  readonly events = new EventEmitter<WaitingRoomEvents>();
  private readonly waiting = new Map<string, WaitingEntry>();

  constructor(
    private readonly participants: ParticipantsService,
    private readonly consults: ConsultsService,
    private readonly audit: AuditService,
  ) {}

  enter(patient: WaitingPatient, clinicianId: string, socketId: string): void {
    this.waiting.set(patient.participantId, { patient, clinicianId, socketId });
    this.events.emit('changed', clinicianId, patient.consultId);
  }

  /** This socket stopped waiting; a newer socket of the same patient keeps its place. */
  leave(participantId: string, socketId: string): boolean {
    const entry = this.waiting.get(participantId);
    if (!entry || entry.socketId !== socketId) return false;
    this.waiting.delete(participantId);
    this.events.emit('changed', entry.clinicianId, entry.patient.consultId);
    return true;
  }

  /** The consult ended: nobody waits for it any more. */
  dropConsult(consultId: string): void {
    for (const [participantId, entry] of this.waiting) {
      if (entry.patient.consultId !== consultId) continue;
      this.waiting.delete(participantId);
      this.events.emit('changed', entry.clinicianId, consultId);
    }
  }

  forClinician(clinicianId: string): WaitingPatient[] {
    return this.list((entry) => entry.clinicianId === clinicianId);
  }

  forConsult(consultId: string): WaitingPatient[] {
    return this.list((entry) => entry.patient.consultId === consultId);
  }

  async admit(actor: ClinicianActor, consultId: string, participantId: string): Promise<void> {
    const patient = await this.waitingPatientOf(actor, consultId, participantId);
    if (patient.status === 'admitted') return;
    if (!(await this.participants.admit(participantId)))
      throw new ApiError('CONFLICT', 'this patient is no longer waiting', 'participantId');
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'lobby.admitted',
      consultId,
      ip: actor.ip,
      detail: { participantId },
    });
    this.removeAndAnnounce(participantId);
    this.events.emit('admitted', participantId, consultId);
  }

  async deny(
    actor: ClinicianActor,
    consultId: string,
    participantId: string,
    message: string | undefined,
  ): Promise<void> {
    const patient = await this.waitingPatientOf(actor, consultId, participantId);
    if (patient.status === 'denied') return;
    if (!(await this.participants.deny(participantId)))
      throw new ApiError('CONFLICT', 'this patient is already in the consult', 'participantId');
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'lobby.denied',
      consultId,
      ip: actor.ip,
      detail: { participantId, withMessage: Boolean(message) },
    });
    this.removeAndAnnounce(participantId);
    this.events.emit('denied', participantId, consultId, message || DEFAULT_DENY_MESSAGE);
  }

  /** Only the owning clinician of a live consult decides, and only about its own patients. */
  private async waitingPatientOf(actor: ClinicianActor, consultId: string, participantId: string) {
    const consult = await this.consults.getOwned(actor.userId, consultId);
    if (consult.status === 'ended') throw new ApiError('CONSULT_ENDED', 'this consult has ended');
    const participant = await this.participants.get(consultId, participantId);
    if (participant.role !== 'patient')
      throw new ApiError('NOT_FOUND', 'no such waiting patient', 'participantId');
    return participant;
  }

  private removeAndAnnounce(participantId: string): void {
    const entry = this.waiting.get(participantId);
    if (!entry) return;
    this.waiting.delete(participantId);
    this.events.emit('changed', entry.clinicianId, entry.patient.consultId);
  }

  private list(keep: (entry: WaitingEntry) => boolean): WaitingPatient[] {
    return [...this.waiting.values()]
      .filter(keep)
      .map((entry) => entry.patient)
      .sort((a, b) => a.waitingSince.localeCompare(b.waitingSince));
  }
}
