import { type BedCounters, type BedOptions, type BedRunner, startBed, zeroCounters } from './bed-runner';
import type { BedConfig } from './config/sim-config';

/** What every bed of a run shares: the api, the clock scale, rates, video and logging. */
export type CommonBedOptions = Omit<
  BedOptions,
  'deviceToken' | 'bedId' | 'label' | 'scenario' | 'seed' | 'delaySeconds' | 'durationSeconds'
>;

export interface BedFleet {
  beds: BedRunner[];
  /** Every bed's counters added up. */
  totals(): BedCounters;
  stop(): Promise<void>;
}

/** Starts every configured bed in this process; a bed without a seed gets its position (1, 2, ...). */
export function startBeds(beds: BedConfig[], common: CommonBedOptions): BedFleet {
  const runners: BedRunner[] = [];
  try {
    beds.forEach((bed, index) => runners.push(startBed({ ...common, ...bed, seed: bed.seed ?? index + 1 })));
  } catch (error) {
    void Promise.all(runners.map((runner) => runner.stop()));
    throw error;
  }
  return {
    beds: runners,
    totals: () => {
      const sum = zeroCounters();
      for (const runner of runners) {
        const counters = runner.counters();
        for (const key of Object.keys(sum) as (keyof BedCounters)[]) sum[key] += counters[key];
      }
      return sum;
    },
    stop: async () => {
      await Promise.all(runners.map((runner) => runner.stop()));
    },
  };
}
