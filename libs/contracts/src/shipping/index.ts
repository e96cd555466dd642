export * from './shipping.contract.js';
export * from './shipping.identity.js';
export * from './shipping.messages.js';
export * from './label-tasks.messages.js';
