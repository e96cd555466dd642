export * from './projection.identity.js';
export * from './projection.events.js';
export * from './projection.contract.js';
