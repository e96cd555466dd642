/**
 * Dead-letter tool: `npm run dlq -- list <topic>` shows what failed and why; `npm run dlq -- redrive <topic>` sends
 * the pending dead letters back to their original topic once the cause is fixed. Run with --help for the options.
 */
import { infraEndpoints } from '@edr/infra';
import { openKafka, type KafkaSession } from '@edr/topic-reader';
import { USAGE, parseCommand, resolveBrokers, type Command } from './args.js';
import { listDeadLetters } from './dlq-reader.js';
import { UsageError, formatError } from './errors.js';
import { formatListing, formatRedriveSummary, formatRedriven } from './format.js';
import { redrive } from './redrive.js';
import { resolveDlqTopic } from './topics.js';

async function main(argv: readonly string[]): Promise<number> {
  const command = parseCommand(argv);
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const brokers = resolveBrokers(process.env.KAFKA_BROKERS, () => infraEndpoints().kafkaBrokers);
  const session = await openKafka(brokers, 'edr-dlq');
  try {
    const dlqTopic = resolveDlqTopic(command.topic, session.topics);
    return await run(command, dlqTopic, session);
  } finally {
    await session.close().catch(() => undefined);
  }
}

async function run(
  command: Exclude<Command, { command: 'help' }>,
  dlqTopic: string,
  { kafka, admin }: KafkaSession,
): Promise<number> {
  if (command.command === 'list') {
    const listing = await listDeadLetters(kafka, admin, dlqTopic);
    const { stdout, summary } = formatListing(listing, command);
    for (const line of stdout) console.log(line);
    // JSON mode keeps stdout to one object per line, for jq.
    if (command.json) console.error(summary);
    else console.log(summary);
    return 0;
  }
  const result = await redrive(kafka, admin, dlqTopic, {
    dryRun: command.dryRun,
    onRecord: (record) => console.log(formatRedriven(record, command.dryRun)),
  });
  console.log(formatRedriveSummary(result));
  return 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(formatError(error));
    if (error instanceof UsageError) {
      console.error(`\n${USAGE}`);
      process.exit(2);
    }
    process.exit(1);
  },
);
