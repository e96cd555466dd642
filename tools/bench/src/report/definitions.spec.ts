import { describe, expect, it } from '@jest/globals';
import { recordTimestampMeaning } from './definitions.js';

describe('recordTimestampMeaning', () => {
  const connector = { 'transforms.outbox.type': 'io.debezium.transforms.outbox.EventRouter' };

  it("is Debezium's processing time with the router's default", () => {
    expect(
      recordTimestampMeaning({
        connectors: { 'a.json': connector },
        topicTimestampTypes: { t: 'CreateTime' },
      }),
    ).toContain("Debezium's ts_ms");
  });

  it('is the broker append time when every topic uses LogAppendTime', () => {
    expect(
      recordTimestampMeaning({
        connectors: { 'a.json': connector },
        topicTimestampTypes: { t: 'LogAppendTime' },
      }),
    ).toContain('broker append time');
  });

  it('names a configured timestamp column', () => {
    expect(
      recordTimestampMeaning({
        connectors: {
          'a.json': { ...connector, 'transforms.outbox.table.field.event.timestamp': 'created_at' },
        },
        topicTimestampTypes: { t: 'CreateTime' },
      }),
    ).toContain('created_at');
  });
});
