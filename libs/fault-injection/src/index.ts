export * from './fault-settings.js';
export * from './fault-env.js';
export * from './fault-injector.js';
export * from './faults.controller.js';
export * from './fault-injection.module.js';
