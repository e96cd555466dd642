export * from './outbox-message.entity.js';
export * from './outbox-writer.js';
export * from './build-envelope.js';
export * from './outbox-table.migration.js';
export * from './outbox-delete-on-insert.migration.js';
