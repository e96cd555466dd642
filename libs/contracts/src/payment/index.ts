export * from './payment.contract.js';
export * from './payment.identity.js';
export * from './payment.messages.js';
