export * from './create-data-source.js';
export * from './unique-violation.js';
export * from './database.health.js';
export * from './data-source.provider.js';
