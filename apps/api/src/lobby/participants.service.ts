import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type { DeviceCheck, ParticipantRecord } from '@teleconsult/protocol';
import { IsNull, type Repository } from 'typeorm';
import { ApiError } from '../common/api-error';
import { ConsultParticipant } from './entities/consult-participant.entity';

const iso = (date: Date | null) => date?.toISOString() ?? null;

export const toParticipantRecord = (row: ConsultParticipant): ParticipantRecord => ({
  participantId: row.id,
  role: row.role,
  displayName: row.displayName,
  status: row.status,
  waitingSince: iso(row.waitingSince),
  admittedAt: iso(row.admittedAt),
  joinedAt: iso(row.joinedAt),
  leftAt: iso(row.leftAt),
});

/** The lasting record of who is admitted to which consult, and when each came and went. */
@Injectable()
export class ParticipantsService {
  constructor(@InjectRepository(ConsultParticipant) private readonly rows: Repository<ConsultParticipant>) {}

  /** The patient of this link, created as waiting on first use; name and device check follow the latest join. */
  async forPatientLink(
    consultId: string,
    linkId: string,
    displayName: string,
    deviceCheck: DeviceCheck | undefined,
  ): Promise<ConsultParticipant> {
    const existing = await this.rows.findOne({ where: { consultId, linkId } });
    if (existing) {
      if (existing.status === 'waiting') {
        existing.displayName = displayName;
        existing.deviceCheck = deviceCheck ?? existing.deviceCheck;
        await this.rows.update(
          { id: existing.id },
          { displayName, deviceCheck: existing.deviceCheck as never },
        );
      }
      return existing;
    }
    return this.insertOnce(
      {
        id: randomUUID(),
        consultId,
        role: 'patient',
        linkId,
        userId: null,
        displayName,
        status: 'waiting',
        deviceCheck: deviceCheck ?? null,
        waitingSince: new Date(),
        admittedAt: null,
        deniedAt: null,
        joinedAt: null,
        leftAt: null,
      },
      { consultId, linkId },
    );
  }

  /** The clinician's participant row: clinicians are admitted by owning the consult. */
  async forClinician(consultId: string, userId: string, displayName: string): Promise<ConsultParticipant> {
    const existing = await this.rows.findOne({ where: { consultId, userId } });
    if (existing) return existing;
    const now = new Date();
    return this.insertOnce(
      {
        id: randomUUID(),
        consultId,
        role: 'clinician',
        linkId: null,
        userId,
        displayName: displayName.slice(0, 80),
        status: 'admitted',
        deviceCheck: null,
        waitingSince: null,
        admittedAt: now,
        deniedAt: null,
        joinedAt: null,
        leftAt: null,
      },
      { consultId, userId },
    );
  }

  async get(consultId: string, participantId: string): Promise<ConsultParticipant> {
    const row = await this.rows.findOne({ where: { id: participantId, consultId } });
    if (!row) throw new ApiError('NOT_FOUND', 'no such participant in this consult', 'participantId');
    return row;
  }

  async status(participantId: string): Promise<ConsultParticipant['status'] | null> {
    return (await this.rows.findOne({ where: { id: participantId } }))?.status ?? null;
  }

  /** Waiting → admitted; true if this call made the change (a second admit is a no-op). */
  async admit(participantId: string): Promise<boolean> {
    const result = await this.rows.update(
      { id: participantId, status: 'waiting' },
      { status: 'admitted', admittedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  async deny(participantId: string): Promise<boolean> {
    const result = await this.rows.update(
      { id: participantId, status: 'waiting' },
      { status: 'denied', deniedAt: new Date() },
    );
    return (result.affected ?? 0) > 0;
  }

  /** Entered the room: the first entry is kept as joinedAt; a return clears leftAt. */
  async markJoined(participantId: string): Promise<void> {
    const now = new Date();
    await this.rows.update({ id: participantId, joinedAt: IsNull() }, { joinedAt: now });
    await this.rows.update({ id: participantId }, { leftAt: null });
  }

  async markLeft(participantId: string): Promise<void> {
    await this.rows.update({ id: participantId }, { leftAt: new Date() });
  }

  async list(consultId: string): Promise<ConsultParticipant[]> {
    return this.rows.find({ where: { consultId }, order: { waitingSince: 'ASC', admittedAt: 'ASC' } });
  }

  /** Two sockets of one link joining at once race on the unique index: the loser reads the winner's row. */
  private async insertOnce(
    row: ConsultParticipant,
    key: { consultId: string; linkId: string } | { consultId: string; userId: string },
  ): Promise<ConsultParticipant> {
    try {
      await this.rows.insert(row);
      return row;
    } catch (error) {
      const winner = await this.rows.findOne({ where: key });
      if (winner) return winner;
      throw error;
    }
  }
}
