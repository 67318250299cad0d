import { EventEmitter } from 'node:events';
import { Injectable } from '@nestjs/common';
import {
  type News2Result,
  type NumericVital,
  type VitalSample,
  artefactsOf,
  news2,
  trustworthy,
} from '@teleconsult/clinical';
import { ApiError } from '../common/api-error';
import { AlarmEngine } from './alarm-engine.service';
import type { BedRow } from './entities/bed.entity';

import { LiveBeds } from './live-beds.service';
import { TrendsService } from './trends.service';

/** How far a sample's timestamp may be from the server's clock before it is refused. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

type VitalsEvents = {
  vitals: [bedId: string, sample: VitalSample, artefacts: NumericVital[], score: News2Result];
};

/**
 * A validated sample from a bed's device: checked against the device's bed and the clock, scored
 * (NEWS2 on trustworthy values only), fed to the alarm engine and the trends, and announced.
 */
@Injectable()
export class VitalsIngest {
  readonly events = new EventEmitter<VitalsEvents>();

  constructor(
    private readonly live: LiveBeds,
    private readonly alarms: AlarmEngine,
    private readonly trends: TrendsService,
  ) {}

  accept(bed: BedRow, admissionId: string | null, sample: VitalSample, now = Date.now()): NumericVital[] {
    if (sample.bedId !== bed.id)
      throw new ApiError('FORBIDDEN', 'bedId: this device is enrolled for another bed', 'bedId');
    if (Math.abs(sample.at - now) > MAX_CLOCK_SKEW_MS)
      throw new ApiError(
        'VALIDATION_FAILED',
        `at: the sample is ${Math.round((sample.at - now) / 1000)} s off the server's clock (limit ±${MAX_CLOCK_SKEW_MS / 1000} s); check the device's time`,
        'at',
      );
    const artefacts = artefactsOf(sample);
    const score = news2({ ...trustworthy(sample), spo2Scale: this.alarms.spo2ScaleOf(bed.id) });
    const live = this.live.get(bed.id, bed.wardId);
    live.latest = sample;
    live.artefacts = artefacts;
    live.news2 = score;
    this.alarms.sample(bed.id, sample, now);
    this.trends.add(bed.id, admissionId, sample, score.missing.length < 7 ? score.total : null);
    this.events.emit('vitals', bed.id, sample, artefacts, score);
    return artefacts;
  }
}
