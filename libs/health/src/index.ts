export * from './health.controller.js';
export * from './health-details.js';
