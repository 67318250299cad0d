export * from './availability';
export * from './slots';
export * from './time-zone';
