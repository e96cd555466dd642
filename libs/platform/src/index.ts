export * from './bootstrap-service.js';
export * from './platform.module.js';
export * from './platform-options.js';
export * from './platform-providers.js';
export * from './platform-schema.js';
