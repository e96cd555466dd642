export * from './inventory.contract.js';
export * from './inventory.identity.js';
export * from './inventory.messages.js';
