import { randomUUID } from 'node:crypto';
import { EventEmitter } from 'node:events';
import {
  type OnApplicationBootstrap,
  Inject,
  Injectable,
  Logger,
  type OnModuleDestroy,
  type OnModuleInit,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type Alarm,
  type AlarmConfig,
  type AlarmEvent,
  type BedAlarmState,
  type BedSettings,
  type VitalSample,
  acknowledge,
  emptyBedAlarmState,
  onSample,
  onTick,
  restoredBedAlarmState,
  silence,
  sortedAlarms,
} from '@teleconsult/clinical';
import { In, IsNull, MoreThanOrEqual, type Repository } from 'typeorm';
import { ApiError } from '../common/api-error';
import { API_CONFIG, type ApiConfig } from '../config/api-config';
import { AdmissionRow } from './entities/admission.entity';
import { AlarmRecordRow } from './entities/alarm-record.entity';
import { VitalTrendRow } from './entities/vital-trend.entity';

/** A bed with a trend minute this recent was sending when the api stopped. */
const LIVE_BEFORE_RESTART_MS = 3 * 60_000;

type AlarmEngineEvents = {
  /** A bed's active alarms after a change, most urgent first, and what changed. */
  alarms: [bedId: string, alarms: Alarm[], event: AlarmEvent | null];
};

/**
 * The remote ICU's alarm engine: the pure per-bed state machine of @teleconsult/clinical fed with
 * every accepted sample and a clock tick (lost links, escalation). Each change is persisted as alarm
 * history and emitted for the stations. A failure to persist is logged and never stops alarming.
 */
@Injectable()
export class AlarmEngine implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('AlarmEngine');
  private readonly states = new Map<string, BedAlarmState>();
  private readonly settings = new Map<string, BedSettings>();
  /** Alarm history row of each active alarm, by bed and key. */
  private readonly recordIds = new Map<string, string>();
  private ticker: NodeJS.Timeout | undefined;
  readonly config: AlarmConfig;
  readonly events = new EventEmitter<AlarmEngineEvents>();

  constructor(
    @Inject(API_CONFIG) private readonly apiConfig: ApiConfig,
    @InjectRepository(AlarmRecordRow) private readonly records: Repository<AlarmRecordRow>,
    @InjectRepository(VitalTrendRow) private readonly trends: Repository<VitalTrendRow>,
    @InjectRepository(AdmissionRow) private readonly admissions: Repository<AdmissionRow>,
  ) {
    this.config = {
      onsetDelayMs: apiConfig.ICU_ONSET_DELAY_MS,
      escalateAfterMs: apiConfig.ICU_ESCALATE_AFTER_MS,
      linkTimeoutMs: apiConfig.ICU_LINK_TIMEOUT_MS,
      silenceMs: apiConfig.ICU_SILENCE_MS,
    };
  }

  onModuleInit(): void {
    this.ticker = setInterval(() => this.tick(Date.now()), this.apiConfig.ICU_TICK_MS);
    this.ticker.unref();
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.restore(Date.now());
  }

  onModuleDestroy(): void {
    clearInterval(this.ticker);
  }

  /**
   * After a restart: alarms still open in the history come back as they were (acknowledged,
   * escalated), and every occupied bed that was sending just before is expected to send again, so a
   * bedside that does not reconnect raises the lost-link alarm instead of vanishing silently.
   * Beds that never sent keep not alarming until their first sample, as before.
   */
  async restore(now: number): Promise<void> {
    const [open, recent, admitted] = await Promise.all([
      this.records.find({ where: { clearedAt: IsNull() }, order: { raisedAt: 'ASC' } }),
      this.trends.find({
        select: { bedId: true },
        where: { minute: MoreThanOrEqual(new Date(now - LIVE_BEFORE_RESTART_MS)) },
      }),
      this.admissions.find({ select: { bedId: true }, where: { dischargedAt: IsNull() } }),
    ]);
    const occupied = new Set(admitted.map((a) => a.bedId));
    const alarmsByBed = new Map<string, Map<string, Alarm>>();
    for (const { bedId } of recent) if (occupied.has(bedId)) alarmsByBed.set(bedId, new Map());
    const superseded: string[] = [];
    for (const row of open) {
      const alarms = alarmsByBed.get(row.bedId) ?? new Map<string, Alarm>();
      alarmsByBed.set(row.bedId, alarms);
      const recordKey = `${row.bedId}/${row.key}`;
      const earlier = this.recordIds.get(recordKey);
      if (earlier) superseded.push(earlier); // a crash between two writes: the newest row wins
      this.recordIds.set(recordKey, row.id);
      alarms.set(row.key, {
        key: row.key,
        kind: row.kind,
        priority: row.priority,
        message: row.message,
        raisedAt: row.raisedAt.getTime(),
        escalated: row.escalatedAt !== null,
        acknowledgedAt: row.acknowledgedAt?.getTime() ?? null,
        acknowledgedBy: row.acknowledgedBy,
        silencedUntil: null,
      });
    }
    for (const [bedId, alarms] of alarmsByBed) {
      if (!this.states.has(bedId)) this.states.set(bedId, restoredBedAlarmState([...alarms.values()], now));
    }
    if (superseded.length > 0)
      await this.records.update({ id: In(superseded) }, { clearedAt: new Date(now) });
    if (alarmsByBed.size > 0)
      this.logger.log(
        `restored ${open.length - superseded.length} open alarm(s); expecting data from ${alarmsByBed.size} bed(s)`,
      );
  }

  configure(bedId: string, settings: Omit<BedSettings, 'config'>): void {
    this.settings.set(bedId, { ...settings, config: this.config });
  }

  spo2ScaleOf(bedId: string): 1 | 2 {
    return this.settings.get(bedId)?.spo2Scale ?? 1;
  }

  alarmsOf(bedId: string): Alarm[] {
    const state = this.states.get(bedId);
    return state ? sortedAlarms(state) : [];
  }

  /** A validated sample arrived from the bed's device. */
  sample(bedId: string, sample: VitalSample, now = Date.now()): void {
    const settings = this.settings.get(bedId) ?? { config: this.config };
    this.apply(bedId, onSample(this.state(bedId), sample, now, settings));
  }

  acknowledge(bedId: string, key: string, by: string, now = Date.now()): Alarm {
    const alarm = this.active(bedId, key);
    if (alarm.acknowledgedAt !== null) return alarm;
    this.apply(bedId, acknowledge(this.state(bedId), key, by, now));
    return this.active(bedId, key);
  }

  silence(bedId: string, key: string, now = Date.now()): Alarm {
    this.active(bedId, key);
    this.apply(bedId, silence(this.state(bedId), key, now, this.config));
    return this.active(bedId, key);
  }

  /** Discharge or removal: the bed starts again with no alarms and no link expectation. */
  reset(bedId: string): void {
    const alarms = this.alarmsOf(bedId);
    this.states.delete(bedId);
    for (const alarm of alarms) this.persist(bedId, { type: 'cleared', alarm });
    if (alarms.length > 0) this.events.emit('alarms', bedId, [], null);
  }

  tick(now: number): void {
    for (const [bedId, state] of this.states) this.apply(bedId, onTick(state, now, this.config));
  }

  private state(bedId: string): BedAlarmState {
    return this.states.get(bedId) ?? emptyBedAlarmState();
  }

  private active(bedId: string, key: string): Alarm {
    const alarm = this.states.get(bedId)?.active[key];
    if (!alarm) throw new ApiError('NOT_FOUND', `bed has no active alarm "${key}"`, 'key');
    return alarm;
  }

  private apply(bedId: string, step: { state: BedAlarmState; events: AlarmEvent[] }): void {
    this.states.set(bedId, step.state);
    if (step.events.length === 0) return;
    const alarms = sortedAlarms(step.state);
    for (const event of step.events) {
      this.persist(bedId, event);
      this.events.emit('alarms', bedId, alarms, event);
    }
  }

  private persist(bedId: string, event: AlarmEvent): void {
    const recordKey = `${bedId}/${event.alarm.key}`;
    const id = this.recordIds.get(recordKey);
    let write: Promise<unknown> | undefined;
    if (event.type === 'raised') {
      const newId = randomUUID();
      this.recordIds.set(recordKey, newId);
      write = this.records.insert({
        id: newId,
        bedId,
        key: event.alarm.key,
        kind: event.alarm.kind,
        priority: event.alarm.priority,
        message: event.alarm.message.slice(0, 300),
        raisedAt: new Date(event.alarm.raisedAt),
        escalatedAt: null,
        acknowledgedAt: null,
        acknowledgedBy: null,
        clearedAt: null,
      });
    } else if (id) {
      const now = new Date();
      const changes: Partial<AlarmRecordRow> =
        event.type === 'escalated'
          ? { escalatedAt: now, priority: event.alarm.priority }
          : event.type === 'changed'
            ? { priority: event.alarm.priority, message: event.alarm.message.slice(0, 300) }
            : event.type === 'acknowledged'
              ? { acknowledgedAt: now, acknowledgedBy: event.alarm.acknowledgedBy }
              : event.type === 'cleared'
                ? { clearedAt: now }
                : {};
      if (event.type === 'cleared') this.recordIds.delete(recordKey);
      if (Object.keys(changes).length > 0) write = this.records.update({ id }, changes);
    }
    write?.catch((error: unknown) =>
      this.logger.error(`could not record alarm ${event.type} of bed ${bedId}: ${String(error)}`),
    );
  }
}
