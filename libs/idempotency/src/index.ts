export * from './idempotency-key.entity.js';
export * from './idempotency-keys-table.migration.js';
export * from './idempotency.js';
