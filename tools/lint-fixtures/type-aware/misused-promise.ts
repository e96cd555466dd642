// expect: @typescript-eslint/no-misused-promises
import { EventEmitter } from 'node:events';

const emitter = new EventEmitter();
emitter.on('message', async () => {
  await Promise.resolve();
});
