export * from './waveform';
export * from './wards';
export * from './bedside';
export * from './station';
export * from './ward-staff';
