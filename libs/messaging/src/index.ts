export * from './decode-record.js';
export * from './correlation-context.js';
export * from './dead-letter.js';
export * from './topic-admin.js';
export * from './consume-record.js';
export * from './kafka-server.options.js';
export * from './record-from-context.js';
export * from './kafka-admin.provider.js';
