export * from './customer.contract.js';
export * from './customer.events.js';
export * from './customer.identity.js';
export * from './registration-parts.messages.js';
