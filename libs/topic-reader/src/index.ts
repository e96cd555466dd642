export * from './topic-read.error.js';
export * from './kafka-session.js';
export * from './consume-to-end.js';
