export { createApp } from './app.factory';
export { loadApiConfig, type ApiConfig } from './config/api-config';
