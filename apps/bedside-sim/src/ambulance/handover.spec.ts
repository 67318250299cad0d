import { handoverSchema } from '@teleconsult/protocol';
import { describe, expect, it } from 'vitest';
import { runScenario } from '../scenarios/run-scenario';
import { SCENARIO_NAMES } from '../scenarios/scenario-types';
import { DEFAULT_TRANSPORT_MINUTES, handoverFor } from './handover';

describe('ambulance handover', () => {
  it('is a valid ATMIST handover for every scenario, with the signs read off the monitor', () => {
    for (const name of SCENARIO_NAMES) {
      const state = runScenario({ name, seed: 3 }, 60_000);
      const handover = handoverFor(name, state, 1_000_000);
      expect(handoverSchema.safeParse(handover).success).toBe(true);
      expect(handover.eta).toBe(1_000_000 + DEFAULT_TRANSPORT_MINUTES * 60_000);
      expect(handover.signs).toContain(`HR ${Math.round(state.heartRate)}`);
    }
  });

  it('says so before the first observations', () => {
    expect(handoverFor('stable', undefined, 0).signs).toBe('awaiting first observations');
  });
});
