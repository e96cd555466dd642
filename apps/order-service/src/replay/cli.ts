/**
 * `npm run orders -- replay (--order <id> ... | --all) [--order-service <url>]`: replays orders from order.events with
 * the order service's own aggregate and compares each with GET /orders/{id} (docs/patterns/event-sourcing.md).
 * The one file of the replay that reads process.env and process.argv; run --help for the options.
 */
import { ConfigError, loadConfig } from '@edr/config';
import { Topics } from '@edr/contracts';
import { USAGE, parseReplayCommand } from './replay-args.js';
import { UsageError, formatError } from './replay-errors.js';
import { replayConfigSchema } from './replay.config.js';
import { replayOrders } from './replay-orders.js';
import { formatReport } from './replay-report.js';

/** Exit codes: 0 every order matched, 1 something differs, 2 bad arguments or configuration, 3 could not run. */
async function main(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Promise<number> {
  const command = parseReplayCommand(argv);
  if (command.command === 'help') {
    console.log(USAGE);
    return 0;
  }
  const config = loadConfig(replayConfigSchema, env);
  console.error(
    `replaying ${command.selection.all ? 'every order' : `${command.selection.orderIds.length} order(s)`} from ` +
      `${Topics.orderEvents} on ${config.kafka.brokers.join(',')} against ${command.orderServiceUrl} …`,
  );
  const result = await replayOrders({
    brokers: config.kafka.brokers,
    orderServiceUrl: command.orderServiceUrl,
    selection: command.selection,
    onProgress: (message) => console.error(`… ${message}`),
  });
  for (const line of formatReport(result)) console.log(line);
  return result.ok ? 0 : 1;
}

main(process.argv.slice(2), process.env).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${formatError(error)}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      console.error(`${error.message}\n  → fix the variable, or unset it for the default`);
      process.exit(2);
    }
    console.error(formatError(error));
    process.exit(3);
  },
);
