export * from './order-placed.event.js';
export * from './order-saga.events.js';
export * from './order.contract.js';
export * from './order.identity.js';
export * from './order-status.js';
export * from './order-confirmation.task.js';
