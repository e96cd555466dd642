import { describe, expect, test } from '@jest/globals';
import { taskWorkerSettingsFromEnv } from './task-settings.js';

describe('taskWorkerSettingsFromEnv', () => {
  test('WORKER_ID when set, else host and pid', () => {
    expect(taskWorkerSettingsFromEnv({ WORKER_ID: 'label-worker-2' }, 'box', 7)).toEqual({
      workerId: 'label-worker-2',
    });
    expect(taskWorkerSettingsFromEnv({}, 'box', 7)).toEqual({ workerId: 'box-7' });
  });
});
