import { UsageError, parseCommandLine } from '@edr/cli';

export { UsageError };

export const VIEWS = ['orders', 'customers', 'sales'] as const;
export type View = (typeof VIEWS)[number];

export const USAGE = `usage: npm run projections -- <command> [view] [options]

commands:
  rebuild <view>   replay the view's topics from offset 0 into fresh tables, catch up with the live stream and swap
                   them in atomically (readers see the old view until the swap)
  verify <view>    rebuild into scratch tables and compare them with the live view row for row; changes nothing
  status           each view's lag (records and seconds) and the rebuild jobs of the running projection-service

<view> is one of ${VIEWS.join(', ')}.

options:
  --url URL        projection-service (default http://localhost:3006, or PROJECTION_URL)
  --json           print the final report as JSON
  -h, --help       show this help

The work runs inside projection-service (POST /admin/views/<view>/rebuild|verify); this command starts it and
follows it. Exit code: 0 when the rebuild finished, or the verification found the views equal; 1 otherwise.`;

export type Command =
  | { readonly command: 'help' }
  | { readonly command: 'status'; readonly url: string; readonly json: boolean }
  | {
      readonly command: 'rebuild' | 'verify';
      readonly view: View;
      readonly url: string;
      readonly json: boolean;
    };

/** Parses `argv` (without node and the script); throws UsageError naming the problem and the fix (pure). */
export function parseCommand(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): Command {
  const parsed = parseCommandLine(
    argv,
    {
      url: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    'npm run projections -- --help',
  );
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const url = values.url ?? env['PROJECTION_URL'] ?? 'http://localhost:3006';
  if (!/^https?:\/\/[^/\s]+/.test(url)) {
    throw new UsageError(`--url "${url}" is not an http(s) URL; pass e.g. --url http://localhost:3006`);
  }
  const [command, view, ...rest] = positionals;
  if (rest.length > 0) throw new UsageError(`unexpected argument "${rest[0]}"; one view per run`);
  if (command === 'status') {
    if (view !== undefined) throw new UsageError(`status takes no view (got "${view}")`);
    return { command, url, json: values.json };
  }
  if (command === 'rebuild' || command === 'verify') {
    if (view === undefined) throw new UsageError(`${command} needs a view: one of ${VIEWS.join(', ')}`);
    if (!(VIEWS as readonly string[]).includes(view)) {
      throw new UsageError(`unknown view "${view}"; the views are ${VIEWS.join(', ')}`);
    }
    return { command, view: view as View, url, json: values.json };
  }
  throw new UsageError(
    command === undefined
      ? 'no command; use rebuild <view>, verify <view> or status'
      : `unknown command "${command}"; use rebuild <view>, verify <view> or status`,
  );
}
