// expect: @typescript-eslint/consistent-type-imports
import { EventEmitter } from 'node:events';

export const describeEmitter = (emitter: EventEmitter) => emitter.eventNames().length;
