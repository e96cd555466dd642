import { parseCommandLine } from '@edr/cli';
import { UsageError } from './errors.js';

export const USAGE = `usage: npm run dlq -- <command> <topic> [options]

commands:
  list <topic>      show the dead letters of <topic>, oldest first, and whether each was already redriven
  redrive <topic>   re-publish the pending dead letters to their original topic (after the fix is deployed)

<topic> is the source topic (payment.commands) or its dead-letter topic (payment.commands.dlq); both mean the DLQ.

options:
  --json            list: one JSON object per line instead of the table (the counts go to stderr)
  --limit N         list: show at most the first N dead letters (the counts still cover all of them)
  --dry-run         redrive: show what would be sent; send and commit nothing
  -h, --help        show this help

Kafka: KAFKA_BROKERS (comma-separated host:port) if set, else the local infrastructure of npm run infra:up.`;

export type Command =
  | { readonly command: 'help' }
  | { readonly command: 'list'; readonly topic: string; readonly json: boolean; readonly limit?: number }
  | { readonly command: 'redrive'; readonly topic: string; readonly dryRun: boolean };

const COMMANDS = ['list', 'redrive'] as const;

/** Parses `argv` (without node and the script); throws UsageError naming the problem and the fix (pure). */
export function parseCommand(argv: readonly string[]): Command {
  const parsed = parseCommandLine(
    argv,
    {
      json: { type: 'boolean', default: false },
      limit: { type: 'string' },
      'dry-run': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    'npm run dlq -- --help',
  );
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };

  const [command, topic, ...extra] = positionals;
  if (command === undefined)
    throw new UsageError('missing command', {
      hint: 'use list or redrive, e.g. npm run dlq -- list order.events',
    });
  if (!isCommand(command))
    throw new UsageError(`unknown command "${command}"`, {
      hint: `use ${COMMANDS.join(' or ')}, e.g. npm run dlq -- list order.events`,
    });
  if (topic === undefined || topic.trim() === '')
    throw new UsageError(`missing <topic> for ${command}`, {
      hint: `name the source topic or its DLQ, e.g. npm run dlq -- ${command} order.events`,
    });
  if (extra.length > 0)
    throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`, {
      hint: `${command} takes one topic; run it once per topic`,
    });

  if (command === 'redrive') {
    if (values.json) throw new UsageError('--json only applies to list', { hint: 'drop --json' });
    if (values.limit !== undefined)
      throw new UsageError('--limit only applies to list', { hint: 'drop --limit' });
    return { command, topic, dryRun: values['dry-run'] };
  }
  if (values['dry-run'])
    throw new UsageError('--dry-run only applies to redrive', {
      hint: `list never changes anything; use npm run dlq -- redrive ${topic} --dry-run`,
    });
  const limit = values.limit === undefined ? undefined : parseLimit(values.limit);
  return { command, topic, json: values.json, ...(limit === undefined ? {} : { limit }) };
}

function parseLimit(text: string): number {
  const limit = /^\d+$/.test(text) ? Number(text) : Number.NaN;
  if (!Number.isSafeInteger(limit) || limit < 1)
    throw new UsageError(`--limit must be a whole number of at least 1, got "${text}"`, {
      hint: 'e.g. --limit 20',
    });
  return limit;
}

const isCommand = (value: string): value is (typeof COMMANDS)[number] =>
  (COMMANDS as readonly string[]).includes(value);

/** KAFKA_BROKERS as a list when set (and not blank), else the fallback (the local infrastructure's brokers). */
export function resolveBrokers(env: string | undefined, fallback: () => readonly string[]): string[] {
  const fromEnv = (env ?? '')
    .split(',')
    .map((broker) => broker.trim())
    .filter((broker) => broker !== '');
  return fromEnv.length > 0 ? fromEnv : [...fallback()];
}
