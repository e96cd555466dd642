export * from './next-look.js';
export * from './deadline-announcer.js';
export * from './deadline-watcher.js';
