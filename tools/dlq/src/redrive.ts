import { Partitioners, type Admin, type Kafka } from 'kafkajs';
import { consumeToEnd, partitionBounds } from '@edr/topic-reader';
import { committedOffsets, readDeadLetters, type ReadOptions } from './dlq-reader.js';
import { DlqError } from './errors.js';
import { isRedriven, recordPosition, redriveMessageFor, toDeadLetter, type DeadLetter } from './records.js';
import { redriveGroupFor } from './topics.js';

export interface RedrivenRecord {
  readonly deadLetter: DeadLetter;
  /** Where it was (or, in a dry run, would be) sent. */
  readonly targetTopic: string;
  /** `<dlqTopic>[partition]@offset`, also the value of its dlq.redriven.from header. */
  readonly from: string;
}

export interface RedriveOptions extends ReadOptions {
  /** Only report what would be sent: no produce, no commit, no group membership. */
  readonly dryRun?: boolean;
  /** Called after each record is sent and its offset committed (in a dry run: for each pending record). */
  readonly onRecord?: (record: RedrivenRecord) => void;
}

export interface RedriveResult {
  readonly dlqTopic: string;
  readonly redriveGroup: string;
  readonly dryRun: boolean;
  readonly redriven: readonly RedrivenRecord[];
  /** Records the group had already redriven in earlier runs (by offset). */
  readonly alreadyRedriven: number;
}

/**
 * Sends every pending dead letter of `dlqTopic` back to its original topic with the same key and value. The group
 * `edr-dlq-redrive.<dlqTopic>` tracks progress: a record's offset is committed only after the broker acknowledged
 * the produce (acks -1, idempotent producer), one record at a time, so a second run sends nothing twice and a run
 * that died resumes after the last committed record (the one in flight when it died may be sent again).
 */
export async function redrive(
  kafka: Kafka,
  admin: Admin,
  dlqTopic: string,
  options: RedriveOptions = {},
): Promise<RedriveResult> {
  const redriveGroup = redriveGroupFor(dlqTopic);
  const dryRun = options.dryRun ?? false;
  const bounds = await partitionBounds(admin, dlqTopic);
  const committed = await committedOffsets(admin, redriveGroup, dlqTopic);
  let alreadyRedriven = 0;
  for (const [partition, { low, high }] of bounds) {
    const done = committed.get(partition);
    if (done !== undefined && done > low) alreadyRedriven += Number((done < high ? done : high) - low);
  }
  const redriven: RedrivenRecord[] = [];
  const report = (deadLetter: DeadLetter) => {
    const { topic } = redriveMessageFor(deadLetter);
    const record = {
      deadLetter,
      targetTopic: topic,
      from: recordPosition(dlqTopic, deadLetter.partition, deadLetter.offset),
    };
    redriven.push(record);
    options.onRecord?.(record);
  };

  if (dryRun) {
    for (const deadLetter of await readDeadLetters(kafka, admin, dlqTopic, options)) {
      if (!isRedriven(deadLetter.offset, committed.get(deadLetter.partition)?.toString())) report(deadLetter);
    }
    return { dlqTopic, redriveGroup, dryRun, redriven, alreadyRedriven };
  }

  const ranges = [...bounds].map(([partition, { low, high }]) => {
    const done = committed.get(partition);
    return { partition, start: done !== undefined && done > low ? done : low, end: high };
  });
  if (ranges.every((range) => range.start >= range.end))
    return { dlqTopic, redriveGroup, dryRun, redriven, alreadyRedriven };

  const topics = new Set(await admin.listTopics());
  const ensureTopicExists = async (topic: string, from: string) => {
    if (topics.has(topic)) return;
    for (const name of await admin.listTopics()) topics.add(name);
    if (!topics.has(topic))
      throw new DlqError(`cannot redrive ${from}: its original topic ${topic} does not exist`, {
        hint: `create ${topic} (or fix the record's dlq.original.topic header), then run redrive again: it resumes at ${from}`,
      });
  };

  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  try {
    await consumeToEnd(kafka, {
      topic: dlqTopic,
      groupId: redriveGroup,
      ranges,
      stallTimeoutMs: options.stallTimeoutMs,
      onMessage: async (partition, message, commit) => {
        const deadLetter = toDeadLetter(dlqTopic, partition, message);
        const { topic, message: outgoing } = redriveMessageFor(deadLetter);
        await ensureTopicExists(topic, recordPosition(dlqTopic, partition, message.offset));
        await producer.send({ topic, acks: -1, messages: [outgoing] });
        await commit();
        report(deadLetter);
      },
    });
  } finally {
    await producer.disconnect().catch(() => undefined);
  }
  return { dlqTopic, redriveGroup, dryRun, redriven, alreadyRedriven };
}
