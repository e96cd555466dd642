export * from './topics.js';
export * from './topic-definitions.js';
export * from './headers.js';
export * from './envelope.js';
export * from './event-catalog.js';
export * from './validate.js';
export * from './order/order-placed.event.js';
