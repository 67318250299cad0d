import { Injectable } from '@nestjs/common';
import type { ChatMessage, WaitingPatient } from '@teleconsult/protocol';
import { AuditService } from '../audit/audit.service';
import { chatRateLimit } from '../chat/chat-rate-limit';
import { ChatService } from '../chat/chat.service';
import { ApiError } from '../common/api-error';
import { ConsultsService } from '../consults/consults.service';
import { ParticipantsService } from '../lobby/participants.service';
import { type ClinicianActor, WaitingRoom } from '../lobby/waiting-room.service';

export interface DashboardClinician extends ClinicianActor {
  name: string;
}

/** What the dashboard socket may do: act on the waiting rooms and private threads of one's own consults. */
@Injectable()
export class DashboardService {
  constructor(
    private readonly waitingRoom: WaitingRoom,
    private readonly participants: ParticipantsService,
    private readonly consults: ConsultsService,
    private readonly chat: ChatService,
    private readonly audit: AuditService,
  ) {}

  onWaitingChanged(listener: (clinicianId: string) => void): void {
    this.waitingRoom.events.on('changed', (clinicianId) => listener(clinicianId));
  }

  /** Private threads only: room chat belongs to the consult room. */
  onPrivateMessage(listener: (message: ChatMessage, clinicianId: string) => void): void {
    this.chat.events.on('message', (message, clinicianId) => {
      if (message.privateTo !== null) listener(message, clinicianId);
    });
  }

  waitingFor(clinicianId: string): WaitingPatient[] {
    return this.waitingRoom.forClinician(clinicianId);
  }

  admit(actor: ClinicianActor, consultId: string, participantId: string): Promise<void> {
    return this.waitingRoom.admit(actor, consultId, participantId);
  }

  deny(actor: ClinicianActor, consultId: string, participantId: string, message?: string): Promise<void> {
    return this.waitingRoom.deny(actor, consultId, participantId, message);
  }

  async thread(actor: ClinicianActor, consultId: string, participantId: string): Promise<ChatMessage[]> {
    await this.patientOf(actor, consultId, participantId);
    await this.audit.record({
      actorType: 'user',
      actorId: actor.userId,
      action: 'chat.viewed',
      consultId,
      ip: actor.ip,
      detail: { participantId },
    });
    return this.chat.thread(consultId, participantId);
  }

  async sendPrivate(
    actor: DashboardClinician,
    socketId: string,
    consultId: string,
    participantId: string,
    text: string,
  ): Promise<ChatMessage> {
    await chatRateLimit.consume(`dashboard:${socketId}`);
    const consult = await this.patientOf(actor, consultId, participantId);
    if (consult.status === 'ended') throw new ApiError('CONSULT_ENDED', 'this consult has ended');
    const sender = await this.participants.forClinician(consultId, actor.userId, actor.name);
    return this.chat.post(
      consult,
      { participantId: sender.id, role: 'clinician', displayName: sender.displayName },
      participantId,
      text,
    );
  }

  private async patientOf(actor: ClinicianActor, consultId: string, participantId: string) {
    const consult = await this.consults.getOwned(actor.userId, consultId);
    const participant = await this.participants.get(consultId, participantId);
    if (participant.role !== 'patient') throw new ApiError('NOT_FOUND', 'no such patient', 'participantId');
    return consult;
  }
}
