import { parseCommandLine } from '@edr/cli';
import { z } from 'zod';
import { Topics } from '@edr/contracts';
import { Services } from '@edr/topology';
import { UsageError } from './replay-errors.js';

export const DEFAULT_ORDER_SERVICE_URL = `http://localhost:${Services.order.port}`;

const EXAMPLE_ORDER_ID = '0b8f2a3e-5b0c-4a39-9a43-4a8f6f1f7b10';

export const USAGE = `usage: npm run orders -- replay (--order <id> ... | --all) [--order-service <url>]

Replays orders from their events on ${Topics.orderEvents} (read from the beginning to the end it has when the replay
starts), folds each order with the order service's own aggregate and compares it with GET /orders/{id}.

options:
  --order <id>            an order id (UUID); repeat for several orders
  --all                   every order the log holds
  --order-service <url>   the order service to compare with (default ${DEFAULT_ORDER_SERVICE_URL})
  -h, --help              show this help

Kafka: KAFKA_BROKERS (comma-separated host:port), default localhost:9092, as for the order service.
Exit code: 0 every order matched, 1 a difference (or an invalid record, or an order GET or the log does not know),
2 bad arguments or configuration, 3 the replay could not run (the order service or Kafka unreachable or failing).`;

/** Which orders to replay: the listed ones, or every order found in the log. */
export type OrderSelection =
  { readonly all: true } | { readonly all: false; readonly orderIds: readonly string[] };

export type ReplayCommand =
  | { readonly command: 'help' }
  | { readonly command: 'replay'; readonly selection: OrderSelection; readonly orderServiceUrl: string };

const orderId = z.uuid();

/** Parses `argv` (without node and the script); throws UsageError naming the argument, its value and the fix (pure). */
export function parseReplayCommand(argv: readonly string[]): ReplayCommand {
  const parsed = parseCommandLine(
    argv,
    {
      order: { type: 'string', multiple: true },
      all: { type: 'boolean', default: false },
      'order-service': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
    'npm run orders -- --help',
  );
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };

  const [command, ...extra] = positionals;
  if (command === undefined)
    throw new UsageError('missing command', { hint: 'use replay, e.g. npm run orders -- replay --all' });
  if (command !== 'replay')
    throw new UsageError(`unknown command "${command}"`, {
      hint: 'use replay, e.g. npm run orders -- replay --all',
    });
  if (extra.length > 0)
    throw new UsageError(`unexpected argument(s): ${extra.join(' ')}`, {
      hint: `name orders with --order, e.g. npm run orders -- replay --order ${extra[0]}`,
    });

  return {
    command,
    selection: parseSelection(values.order ?? [], values.all),
    orderServiceUrl: parseOrderServiceUrl(values['order-service']),
  };
}

function parseSelection(orders: readonly string[], all: boolean): OrderSelection {
  if (all && orders.length > 0)
    throw new UsageError(`--all and --order ${orders[0]} both given`, {
      hint: '--all replays every order in the log; drop --order, or drop --all to replay only the listed orders',
    });
  if (all) return { all: true };
  if (orders.length === 0)
    throw new UsageError('no orders named', {
      hint: `say which orders: --order <id> (repeatable), e.g. --order ${EXAMPLE_ORDER_ID}, or --all`,
    });
  for (const value of orders) {
    if (!orderId.safeParse(value).success)
      throw new UsageError(`--order "${value}" is not an order id`, {
        hint: `an order id is a UUID as returned by POST /orders, e.g. --order ${EXAMPLE_ORDER_ID}`,
      });
  }
  return { all: false, orderIds: [...new Set(orders.map((value) => value.toLowerCase()))] };
}

function parseOrderServiceUrl(value: string | undefined): string {
  if (value === undefined) return DEFAULT_ORDER_SERVICE_URL;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:') || url.search || url.hash)
    throw new UsageError(`--order-service "${value}" is not an http(s) URL`, {
      hint: `give the order service's base URL, e.g. --order-service ${DEFAULT_ORDER_SERVICE_URL}`,
    });
  return url.toString().replace(/\/+$/, '');
}
