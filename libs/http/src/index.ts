export * from './zod-validation.pipe.js';
export * from './correlation.middleware.js';
