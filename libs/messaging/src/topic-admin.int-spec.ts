import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { type Admin, Kafka, logLevel } from 'kafkajs';
import { infra } from '@edr/testing';
import { ensureTopics } from './topic-admin.js';

jest.setTimeout(60_000);

const kafka = new Kafka({
  clientId: 'topic-admin-test',
  brokers: [...infra.kafkaBrokers],
  logLevel: logLevel.NOTHING,
});

describe('ensureTopics on the real broker', () => {
  const names = Array.from({ length: 14 }, (_, i) => `edr-test-${randomUUID().slice(0, 8)}-${i}`);
  const admins: Admin[] = [];

  beforeAll(async () => {
    for (let i = 0; i < 8; i++) admins.push(kafka.admin());
    await Promise.all(admins.map((a) => a.connect()));
  });

  afterAll(async () => {
    await admins[0]?.deleteTopics({ topics: names }).catch(() => undefined);
    await Promise.all(admins.map((a) => a.disconnect()));
  });

  test('services starting together create the same new topics without failing each other', async () => {
    const definitions = names.map((name) => ({ name, partitions: 3 }));
    // As on a fresh cluster when every service boots at once: each asks for all of them at the same moment.
    await Promise.all(admins.map((admin) => ensureTopics(admin, definitions)));

    const { topics } = await admins[0]!.fetchTopicMetadata({ topics: names });
    expect(topics.map((t) => [t.name, t.partitions.length]).sort()).toEqual(names.map((n) => [n, 3]).sort());
    expect(topics.every((t) => t.partitions.every((p) => p.leader >= 0))).toBe(true);
    // And again, now that they exist: nothing to do.
    await ensureTopics(admins[1]!, definitions);
  });
});
