export * from './vitals/vital-sample';
export * from './news2/news2';
export * from './alarms/alarm-types';
export * from './alarms/alarm-engine';
export * from './fhir/vital-signs';
export * from './waveforms/waveform-synth';
export * from './waveforms/prng';
