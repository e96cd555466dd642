import { describe, expect, test } from '@jest/globals';
import { CreateInboxTable1764300000001, InboxMessage } from '@edr/inbox';
import {
  CreateOutboxTable1764300000000,
  DeleteOutboxRowsOnInsert1764300000002,
  OutboxMessage,
} from '@edr/outbox';
import { Services, Workers } from '@edr/topology';
import { platformSchema } from './platform-schema.js';

class OwnTable {}

const schemaOf = (service: Parameters<typeof platformSchema>[0]['service']) =>
  platformSchema({ service, entities: [OwnTable], migrations: [] });

describe('platformSchema', () => {
  test('a service that publishes: its outbox (entity and migrations) and inbox before its own tables', () => {
    expect(schemaOf(Services.shipping)).toEqual({
      entities: [OutboxMessage, InboxMessage, OwnTable],
      migrations: [
        CreateOutboxTable1764300000000,
        DeleteOutboxRowsOnInsert1764300000002,
        CreateInboxTable1764300000001,
      ],
    });
  });

  test("a worker writes its context's outbox: the entity, but none of the outbox migrations (ADR 0007)", () => {
    expect(schemaOf(Workers.label)).toEqual({
      entities: [OutboxMessage, InboxMessage, OwnTable],
      migrations: [CreateInboxTable1764300000001],
    });
  });

  test('a service that publishes nothing: an inbox, no outbox', () => {
    const consumer = { ...Services.projection, publishes: false };
    expect(schemaOf(consumer)).toEqual({
      entities: [InboxMessage, OwnTable],
      migrations: [CreateInboxTable1764300000001],
    });
  });
});
