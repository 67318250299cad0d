export * from './errors';
export * from './limits';
export * from './media';
export * from './peers';
export * from './rest';
export * from './signalling';
