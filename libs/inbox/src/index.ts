export * from './inbox-message.entity.js';
export * from './process-once.js';
export * from './inbox-table.migration.js';
export * from './process-batch-once.js';
