export * from './cli-error.js';
