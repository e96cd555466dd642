export * from './load-config.js';
export * from './env-fields.js';
export * from './service-config.js';
export * from './service-config.token.js';
