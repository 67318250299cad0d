export { ConfigError, loadSfuConfig, type SfuConfig } from './config/sfu-config';
export { startSfu, type RunningSfu } from './sfu-server';
export * from './bed-video';
