import { describe, expect, test } from '@jest/globals';
import type { KafkaMessage } from 'kafkajs';
import { parseCommand, resolveBrokers } from './args.js';
import type { ListedDeadLetter } from './dlq-reader.js';
import { CliError } from '@edr/cli';
import { DlqError, UsageError, formatError } from './errors.js';
import {
  ERROR_WIDTH,
  LIST_COLUMNS,
  formatListJson,
  formatListSummary,
  formatListing,
  formatRedriveSummary,
  formatRedriven,
  formatTable,
  listRow,
  truncate,
} from './format.js';
import {
  REDRIVEN_FROM_HEADER,
  isRedriven,
  redriveMessageFor,
  targetTopicOf,
  toDeadLetter,
} from './records.js';
import { dlqNameFor, redriveGroupFor, resolveDlqTopic, sourceTopicOf } from './topics.js';

function caught(run: () => unknown): CliError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(CliError);
    return error as CliError;
  }
  throw new Error('expected a CliError');
}

const usageError = (argv: string[]) => {
  const error = caught(() => parseCommand(argv));
  expect(error).toBeInstanceOf(UsageError);
  return error;
};

const message = (overrides: Partial<KafkaMessage> = {}): KafkaMessage =>
  ({
    key: Buffer.from('order-1'),
    value: Buffer.from('{"type":"OrderPlaced"}'),
    timestamp: String(Date.UTC(2026, 10, 28, 9, 0, 0)),
    attributes: 0,
    offset: '7',
    headers: {
      id: Buffer.from('event-1'),
      eventType: Buffer.from('OrderPlaced'),
      correlationId: Buffer.from('corr-1'),
      // kafkajs delivers a null-valued header as null, although its types do not say so.
      causationId: null as unknown as undefined,
      'dlq.error': Buffer.from('invalid OrderPlaced payload:\n customerId missing'),
      'dlq.original.topic': Buffer.from('order.events'),
      'dlq.original.partition': Buffer.from('2'),
      'dlq.original.offset': Buffer.from('41'),
      'dlq.consumer.group': Buffer.from('projection-service'),
      'dlq.failed.at': Buffer.from('2026-11-28T09:00:00.000Z'),
      'dlq.attempts': Buffer.from('3'),
    },
    ...overrides,
  }) as KafkaMessage;

const listed = (overrides: Partial<KafkaMessage> = {}, redriven = false): ListedDeadLetter => ({
  ...toDeadLetter('order.events.dlq', 1, message(overrides)),
  redriven,
});

describe('parseCommand', () => {
  test('list with its options', () => {
    expect(parseCommand(['list', 'payment.commands'])).toEqual({
      command: 'list',
      topic: 'payment.commands',
      json: false,
    });
    expect(parseCommand(['list', 'payment.commands.dlq', '--json', '--limit', '5'])).toEqual({
      command: 'list',
      topic: 'payment.commands.dlq',
      json: true,
      limit: 5,
    });
    expect(parseCommand(['list', '--limit=2', 'order.events'])).toMatchObject({ limit: 2 });
  });

  test('redrive with and without --dry-run; help', () => {
    expect(parseCommand(['redrive', 'order.events'])).toEqual({
      command: 'redrive',
      topic: 'order.events',
      dryRun: false,
    });
    expect(parseCommand(['redrive', 'order.events', '--dry-run'])).toMatchObject({ dryRun: true });
    expect(parseCommand(['--help'])).toEqual({ command: 'help' });
    expect(parseCommand(['list', '-h'])).toEqual({ command: 'help' });
  });

  test.each([
    [[], /missing command/, /list or redrive/],
    [['show', 'x'], /unknown command "show"/, /list or redrive/],
    [['list'], /missing <topic> for list/, /npm run dlq -- list order\.events/],
    [['redrive', 'a', 'b'], /unexpected argument\(s\): b/, /one topic/],
    [['list', 'x', '--verbose'], /--verbose/, /--help/],
    [['list', 'x', '--limit'], /--limit/, /--help/],
    [['list', 'x', '--limit', '0'], /at least 1, got "0"/, /--limit 20/],
    [['list', 'x', '--limit', '2.5'], /got "2\.5"/, /--limit 20/],
    [['redrive', 'x', '--json'], /--json only applies to list/, /drop --json/],
    [['redrive', 'x', '--limit', '3'], /--limit only applies to list/, /drop --limit/],
    [['list', 'x', '--dry-run'], /--dry-run only applies to redrive/, /redrive x --dry-run/],
  ])('%j is a usage error naming the problem and the fix', (argv, problem, fix) => {
    const error = usageError(argv);
    expect(error.message).toMatch(problem);
    expect(error.hint).toMatch(fix);
  });
});

describe('resolveBrokers', () => {
  const infra = () => ['localhost:9092'];
  test('KAFKA_BROKERS wins, comma-separated and trimmed; blank falls back to the infra', () => {
    expect(resolveBrokers('a:1, b:2 ,', infra)).toEqual(['a:1', 'b:2']);
    expect(resolveBrokers(undefined, infra)).toEqual(['localhost:9092']);
    expect(resolveBrokers(' ', infra)).toEqual(['localhost:9092']);
  });
});

describe('topic names', () => {
  test('source topic and DLQ name the same DLQ', () => {
    expect(dlqNameFor('payment.commands')).toBe('payment.commands.dlq');
    expect(dlqNameFor('payment.commands.dlq')).toBe('payment.commands.dlq');
    expect(sourceTopicOf('payment.commands.dlq')).toBe('payment.commands');
    expect(redriveGroupFor('payment.commands.dlq')).toBe('edr-dlq-redrive.payment.commands.dlq');
  });

  test('an unknown topic lists the existing DLQs', () => {
    const existing = ['order.events', 'order.events.dlq', 'payment.commands', 'inventory.commands.dlq'];
    expect(resolveDlqTopic('order.events', existing)).toBe('order.events.dlq');
    expect(resolveDlqTopic('order.events.dlq', existing)).toBe('order.events.dlq');
    expect(() => resolveDlqTopic('nope', existing)).toThrow('no dead-letter topic nope.dlq');
    expect(caught(() => resolveDlqTopic('payment.commands', existing))).toMatchObject({
      message: expect.stringMatching(
        /payment\.commands exists but has no dead-letter topic payment\.commands\.dlq/,
      ),
      hint: 'existing dead-letter topics: inventory.commands.dlq, order.events.dlq',
    });
    expect(caught(() => resolveDlqTopic('x', ['order.events']))).toMatchObject({
      hint: expect.stringMatching(/no \*\.dlq topics/),
    });
  });
});

describe('dead letters', () => {
  test('reads the dlq.* and message headers', () => {
    const record = toDeadLetter('order.events.dlq', 1, message());
    expect(record).toMatchObject({
      dlqTopic: 'order.events.dlq',
      partition: 1,
      offset: '7',
      eventType: 'OrderPlaced',
      eventId: 'event-1',
      originalTopic: 'order.events',
      originalPartition: '2',
      originalOffset: '41',
      consumerGroup: 'projection-service',
      attempts: '3',
      failedAt: '2026-11-28T09:00:00.000Z',
    });
  });

  test('redrive: same key and value, no dlq.* or null headers, plus dlq.redriven.from', () => {
    const { topic, message: outgoing } = redriveMessageFor(toDeadLetter('order.events.dlq', 1, message()));
    expect(topic).toBe('order.events');
    expect(outgoing.key).toEqual(Buffer.from('order-1'));
    expect(outgoing.value).toEqual(Buffer.from('{"type":"OrderPlaced"}'));
    expect(Object.keys(outgoing.headers ?? {}).sort()).toEqual(
      ['correlationId', 'eventType', 'id', REDRIVEN_FROM_HEADER].sort(),
    );
    expect(outgoing.headers?.[REDRIVEN_FROM_HEADER]).toBe('order.events.dlq[1]@7');
  });

  test('repeated headers keep their non-null values', () => {
    const headers = {
      tag: [Buffer.from('a'), null, 'b'] as unknown as string[],
      gone: [null] as unknown as string[],
    };
    const { message: outgoing } = redriveMessageFor(toDeadLetter('t.dlq', 0, message({ headers })));
    expect(outgoing.headers).toEqual({ tag: [Buffer.from('a'), 'b'], [REDRIVEN_FROM_HEADER]: 't.dlq[0]@7' });
  });

  test('the target falls back to the DLQ name without .dlq', () => {
    expect(targetTopicOf(toDeadLetter('payment.commands.dlq', 0, message({ headers: {} })))).toBe(
      'payment.commands',
    );
  });

  test('redriven means below the redrive group offset', () => {
    expect(isRedriven('4', undefined)).toBe(false);
    expect(isRedriven('4', '4')).toBe(false);
    expect(isRedriven('4', '5')).toBe(true);
    expect(isRedriven('4', '-1')).toBe(false);
  });
});

describe('formatting', () => {
  test('table columns pad to the widest cell', () => {
    expect(formatTable(['a', 'bb'], [['xyz', '1']])).toBe('a    bb\n---  --\nxyz  1');
  });

  test('truncate keeps one line and marks the cut', () => {
    expect(truncate('short', 10)).toBe('short');
    expect(truncate('a\n  b', 10)).toBe('a b');
    expect(truncate('abcdefghij', 5)).toBe('abcd…');
  });

  test('a table row per record, error truncated', () => {
    const long = 'x'.repeat(200);
    const row = listRow(listed({ headers: { ...message().headers, 'dlq.error': long } }, true));
    expect(row).toHaveLength(LIST_COLUMNS.length);
    expect(row).toEqual([
      '1@7',
      '2026-11-28T09:00:00.000Z',
      'OrderPlaced',
      'event-1',
      'order-1',
      'order.events[2]@41',
      'projection-service',
      '3',
      'yes',
      `${'x'.repeat(ERROR_WIDTH - 1)}…`,
    ]);
    expect(listRow(listed({ key: null, headers: {} }))).toEqual([
      '1@7',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      '-',
      'no',
      '-',
    ]);
  });

  test('JSON line: the full record, headers as text, nulls kept', () => {
    const json = JSON.parse(formatListJson(listed()));
    expect(json).toMatchObject({
      dlqTopic: 'order.events.dlq',
      partition: 1,
      offset: '7',
      timestamp: '2026-11-28T09:00:00.000Z',
      eventType: 'OrderPlaced',
      id: 'event-1',
      key: 'order-1',
      value: '{"type":"OrderPlaced"}',
      originalTopic: 'order.events',
      originalPartition: 2,
      originalOffset: '41',
      redriveTo: 'order.events',
      attempts: 3,
      error: 'invalid OrderPlaced payload:\n customerId missing',
      redriven: false,
    });
    expect(json.headers.causationId).toBeNull();
    expect(json.headers['dlq.original.topic']).toBe('order.events');
  });

  test('listing: table or JSON lines, limit, counts over everything', () => {
    const listing = {
      dlqTopic: 'order.events.dlq',
      redriveGroup: 'edr-dlq-redrive.order.events.dlq',
      records: [listed({}, true), listed({ offset: '8' }), listed({ offset: '9' })],
    };
    const table = formatListing(listing, { json: false });
    expect(table.stdout[0]?.split('\n')).toHaveLength(5);
    expect(table.summary).toBe('order.events.dlq: 3 dead letters, 1 already redriven, 2 pending');
    const json = formatListing(listing, { json: true, limit: 2 });
    expect(json.stdout).toHaveLength(2);
    expect(json.summary).toBe(
      'order.events.dlq: 3 dead letters, 1 already redriven, 2 pending (showing the first 2)',
    );
    expect(formatListing({ ...listing, records: [] }, { json: false })).toEqual({
      stdout: [],
      summary: 'order.events.dlq: 0 dead letters, 0 already redriven, 0 pending',
    });
    expect(formatListSummary('t.dlq', { total: 1, redriven: 0, pending: 1 })).toBe(
      't.dlq: 1 dead letter, 0 already redriven, 1 pending',
    );
  });

  test('redrive lines and summary', () => {
    const record = { deadLetter: listed(), targetTopic: 'order.events', from: 'order.events.dlq[1]@7' };
    expect(formatRedriven(record, false)).toBe(
      'redriven order.events.dlq[1]@7 → order.events  eventType=OrderPlaced id=event-1 key=order-1',
    );
    expect(formatRedriven(record, true)).toMatch(/^would redrive order\.events\.dlq\[1\]@7/);
    const result = {
      dlqTopic: 'order.events.dlq',
      redriveGroup: 'edr-dlq-redrive.order.events.dlq',
      redriven: [record],
      alreadyRedriven: 2,
    };
    expect(formatRedriveSummary({ ...result, dryRun: false })).toBe(
      'order.events.dlq: redriven 1 dead letter (2 already redriven earlier; progress in consumer group edr-dlq-redrive.order.events.dlq)',
    );
    expect(formatRedriveSummary({ ...result, dryRun: true })).toMatch(
      /^dry run: 1 dead letter .* nothing was sent/,
    );
  });

  test('errors print problem and fix', () => {
    expect(formatError(new DlqError('no dead-letter topic x.dlq', { hint: 'existing: a.dlq' }))).toBe(
      '✗ no dead-letter topic x.dlq\n  → existing: a.dlq',
    );
  });
});
