export * from './task-payload.js';
