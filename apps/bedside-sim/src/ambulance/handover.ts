import type { Handover } from '@teleconsult/protocol';
import type { BedState, ScenarioName } from '../scenarios/scenario-types';

/** How long after the crew's first report the simulated ambulance arrives. */
export const DEFAULT_TRANSPORT_MINUTES = 18;

const STORIES: Record<ScenarioName, Omit<Handover, 'eta' | 'signs'>> = {
  stable: {
    age: '54',
    timeOfOnset: '40 min ago',
    mechanism: 'Fall from standing at home, no head injury',
    injuries: 'Painful, shortened right leg — suspected neck of femur fracture',
    treatment: 'Splinted, IV access, morphine 5 mg IV',
  },
  sepsis: {
    age: '71',
    timeOfOnset: 'about 6 h, worse in the last hour',
    mechanism: 'Found confused by family; urinary symptoms for 2 days',
    injuries: 'Suspected urosepsis',
    treatment: 'Oxygen 4 L/min, 500 ml crystalloid, sepsis pre-alert',
  },
  desaturation: {
    age: '66',
    timeOfOnset: '2 h',
    mechanism: 'Increasing breathlessness, known COPD',
    injuries: 'Exacerbation of COPD, possible pneumonia',
    treatment: 'Nebulised salbutamol and ipratropium, controlled oxygen 28 %',
  },
  tachyarrhythmia: {
    age: '62',
    timeOfOnset: '1 h, sudden palpitations',
    mechanism: 'At rest, no trauma',
    injuries: 'Fast irregular rhythm on the monitor — new AF?',
    treatment: '12-lead ECG sent, IV access',
  },
  'lead-off': {
    age: '45',
    timeOfOnset: '30 min',
    mechanism: 'Chest pain at work',
    injuries: 'Central chest pain, no ST elevation on the 12-lead',
    treatment: 'Aspirin 300 mg, GTN spray',
  },
  'link-drop': {
    age: '38',
    timeOfOnset: '25 min',
    mechanism: 'Road traffic collision, restrained driver, 40 mph',
    injuries: 'Seat-belt bruising, left wrist deformity',
    treatment: 'Collar, splint, IV access, analgesia',
  },
};

/**
 * The crew's ATMIST pre-arrival handover for a simulated ambulance: a fixed story per scenario, the
 * signs read from the monitor now, and an arrival time counting down from the first report.
 */
export function handoverFor(
  scenario: ScenarioName,
  state: BedState | undefined,
  firstReportAt: number,
): Handover {
  const eta = firstReportAt + DEFAULT_TRANSPORT_MINUTES * 60_000;
  const signs = state
    ? `HR ${Math.round(state.heartRate)}, BP ${Math.round(state.systolic)}/${Math.round(state.diastolic)}, RR ${Math.round(state.respiratoryRate)}, SpO₂ ${Math.round(state.spo2)} %${state.onOxygen ? ' on O₂' : ''}, T ${state.temperature.toFixed(1)} °C, ${state.consciousness === 'A' ? 'alert' : `ACVPU ${state.consciousness}`}`
    : 'awaiting first observations';
  return { eta, ...STORIES[scenario], signs };
}
