import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type VitalSample, trustworthy } from '@teleconsult/clinical';
import type { TrendPoint } from '@teleconsult/protocol';
import { MoreThanOrEqual, type Repository } from 'typeorm';
import { VitalTrendRow } from './entities/vital-trend.entity';

const TREND_FIELDS = [
  'heartRate',
  'spo2',
  'respiratoryRate',
  'systolic',
  'diastolic',
  'temperature',
] as const;
type TrendField = (typeof TREND_FIELDS)[number];

interface MinuteBucket {
  minute: number;
  admissionId: string | null;
  sums: Record<TrendField, number>;
  counts: Record<TrendField, number>;
  news2: number | null;
  samples: number;
}

const MINUTE = 60_000;
const round1 = (v: number) => Math.round(v * 10) / 10;

/**
 * Trends, downsampled to one row per bed per minute: the mean of each parameter's trustworthy values
 * (artefacts never enter a trend) and the worst NEWS2. The current minute lives in memory and is
 * written when the next minute starts (or at shutdown); reads merge it in.
 */
@Injectable()
export class TrendsService implements OnModuleDestroy {
  private readonly logger = new Logger('TrendsService');
  private readonly buckets = new Map<string, MinuteBucket>();

  constructor(@InjectRepository(VitalTrendRow) private readonly rows: Repository<VitalTrendRow>) {}

  add(bedId: string, admissionId: string | null, sample: VitalSample, news2: number | null): void {
    const minute = Math.floor(sample.at / MINUTE) * MINUTE;
    let bucket = this.buckets.get(bedId);
    if (bucket && bucket.minute !== minute) {
      if (minute < bucket.minute) return; // a late sample for a minute already written
      void this.flush(bedId, bucket);
      bucket = undefined;
    }
    if (!bucket) {
      bucket = { minute, admissionId, sums: zeros(), counts: zeros(), news2: null, samples: 0 };
      this.buckets.set(bedId, bucket);
    }
    const clean = trustworthy(sample);
    for (const field of TREND_FIELDS) {
      const value = clean[field];
      if (value === undefined) continue;
      bucket.sums[field] += value;
      bucket.counts[field] += 1;
    }
    if (news2 !== null) bucket.news2 = Math.max(bucket.news2 ?? 0, news2);
    bucket.samples += 1;
  }

  async since(bedId: string, from: Date): Promise<TrendPoint[]> {
    const rows = await this.rows.find({
      where: { bedId, minute: MoreThanOrEqual(from) },
      order: { minute: 'ASC' },
    });
    const points = rows.map(toPoint);
    const current = this.buckets.get(bedId);
    if (
      current &&
      current.minute >= from.getTime() &&
      !rows.some((r) => r.minute.getTime() === current.minute)
    )
      points.push(toPoint(toRow(bedId, current)));
    return points;
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all([...this.buckets].map(([bedId, bucket]) => this.flush(bedId, bucket)));
    this.buckets.clear();
  }

  private async flush(bedId: string, bucket: MinuteBucket): Promise<void> {
    try {
      await this.rows.upsert(toRow(bedId, bucket), ['bedId', 'minute']);
    } catch (error) {
      this.logger.error(`could not store the trend minute of bed ${bedId}: ${String(error)}`);
    }
  }
}

const zeros = (): Record<TrendField, number> =>
  Object.fromEntries(TREND_FIELDS.map((f) => [f, 0])) as Record<TrendField, number>;

function toRow(bedId: string, bucket: MinuteBucket): VitalTrendRow {
  const mean = (field: TrendField) =>
    bucket.counts[field] > 0 ? round1(bucket.sums[field] / bucket.counts[field]) : null;
  return {
    bedId,
    minute: new Date(bucket.minute),
    admissionId: bucket.admissionId,
    heartRate: mean('heartRate'),
    spo2: mean('spo2'),
    respiratoryRate: mean('respiratoryRate'),
    systolic: mean('systolic'),
    diastolic: mean('diastolic'),
    temperature: mean('temperature'),
    news2: bucket.news2,
    samples: bucket.samples,
  };
}

const toPoint = (row: VitalTrendRow): TrendPoint => ({
  minute: row.minute.toISOString(),
  heartRate: row.heartRate,
  spo2: row.spo2,
  respiratoryRate: row.respiratoryRate,
  systolic: row.systolic,
  diastolic: row.diastolic,
  temperature: row.temperature,
  news2: row.news2,
});
