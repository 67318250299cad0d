import type { BedsideClient } from './icu-clients';

/** Fast clocks so that onset, escalation and link loss happen within a test. */
export const FAST_ALARMS = {
  ICU_ONSET_DELAY_MS: '200',
  ICU_ESCALATE_AFTER_MS: '1500',
  ICU_LINK_TIMEOUT_MS: '1000',
  ICU_TICK_MS: '50',
};

/** A normal adult's sample from the bed's device (NEWS2 0, no alarm). */
export const stableSample = (bedId: string, at = Date.now()) => ({
  bedId,
  at,
  heartRate: 78,
  spo2: 97,
  respiratoryRate: 14,
  systolic: 124,
  diastolic: 76,
  temperature: 36.9,
  consciousness: 'A' as const,
  onOxygen: false,
});

/** Sends the sample `make()` gives every `everyMs` until the returned function is called. */
export function streamVitals(
  client: BedsideClient,
  make: () => Record<string, unknown>,
  everyMs = 100,
): () => void {
  const timer = setInterval(() => void client.request('vitals:report', make()), everyMs);
  return () => clearInterval(timer);
}
