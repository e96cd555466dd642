/**
 * The one way a tool that starts processes (demo, bench, with-infra, infra:up/down) stops them on the way out,
 * whatever signals arrive. Ctrl-C signals the whole foreground process group, npm passes the signal on to its script,
 * and people press Ctrl-C again, so a tool sees several SIGINTs. Node exits on a signal that has no listener, so the
 * listeners here stay installed until the process exits:
 * - the first SIGINT, SIGTERM or SIGHUP starts the stop at once, even while `main` is still running;
 * - every later signal prints "still stopping…" and changes nothing. There is no forceful path: the stop is bounded
 *   (services: SIGTERM, SIGKILL after their grace; infrastructure: `stopProcess`), and a tool that gave up half-way
 *   would leave the infrastructure running. Only SIGKILL ends the tool early; `npm run infra:down` then cleans up.
 * What a tool starts goes through `start`, which refuses once the stop has begun and makes the stop wait for a start
 * still under way, so nothing is started behind the stop's back.
 *
 * The tools run as `node --import tsx …`, not through the `tsx` command: tsx's parent process relays a signal to its
 * child and SIGKILLs the child when it has not acknowledged the signal within 30 ms, twice (a busy or loaded event
 * loop), which ends the tool in the middle of its stop.
 * The services a tool starts stay in its process group: Ctrl-C reaches them directly and they shut down by
 * themselves (their second signal is ignored by Nest's shutdown hooks); stopping an exited service is a no-op. The
 * infrastructure runs detached (its own session, see processes.ts) and is stopped by the tool, never by the terminal.
 */
export interface Shutdown {
  /** Aborted at the first signal; its reason is a `StopRequested` naming the signal. */
  readonly signal: AbortSignal;
  /**
   * Runs `begin` and registers `stop` for its result. Throws `StopRequested` without calling `begin` once the stop
   * has begun. `stage: 'last'` stops after everything else (the infrastructure the others run on); within a stage,
   * stops run in parallel.
   */
  start<T>(
    begin: () => Promise<T>,
    stop: (started: T) => Promise<unknown>,
    stage?: 'first' | 'last',
  ): Promise<T>;
}

export interface RunOptions {
  /** Names the tool in "stopping what <what> started". */
  readonly what: string;
  readonly log?: (line: string) => void;
  /** No "stopping what … started" line when main returns on its own (the stop then only cleans up after itself). */
  readonly quiet?: boolean;
  /** How an error main throws is shown; default: its message. */
  readonly reportError?: (error: unknown) => void;
}

/** Thrown by `Shutdown.start` once the stop has begun: nothing new starts while the tool stops. */
export class StopRequested extends Error {
  /** The signal that began the stop (none when main returned on its own). */
  constructor(readonly signalName?: NodeJS.Signals) {
    super('not started: stopping what was started');
  }
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const satisfies readonly NodeJS.Signals[];
const SIGNAL_NUMBERS: Record<(typeof SIGNALS)[number], number> = { SIGHUP: 1, SIGINT: 2, SIGTERM: 15 };

interface Registered {
  readonly stage: 'first' | 'last';
  readonly stop: () => Promise<unknown>;
}

/**
 * Runs `main`, then stops everything it started through `Shutdown.start` and exits with main's code. On a signal
 * the stop begins at once; the exit code is then main's if main had already returned, else 128 + the signal number.
 * Errors main throws after a signal (requests to services being stopped) are not reported.
 */
export function runUntilStopped(options: RunOptions, main: (shutdown: Shutdown) => Promise<number>): void {
  const log = options.log ?? ((line: string) => console.log(line));
  const controller = new AbortController();
  const pending = new Set<Promise<unknown>>();
  const registered: Registered[] = [];
  let received: (typeof SIGNALS)[number] | undefined;
  let stopping: Promise<void> | undefined;
  let closed = false;
  let mainCode: number | undefined;

  const stopAll = (): Promise<void> =>
    (stopping ??= (async () => {
      closed = true;
      // Starts under way finish (or fail and clean up after themselves) before their stop is known.
      while (pending.size > 0) await Promise.allSettled([...pending]);
      for (const stage of ['first', 'last'] as const) {
        const results = await Promise.allSettled(
          registered.filter((r) => r.stage === stage).map((r) => r.stop()),
        );
        for (const result of results) {
          if (result.status === 'rejected') log(`✗ stopping failed: ${errorMessage(result.reason)}`);
        }
      }
    })());

  const exit = async (fallbackCode: number) => {
    await stopAll();
    process.exit(mainCode ?? fallbackCode);
  };

  for (const name of SIGNALS) {
    process.on(name, () => {
      if (received) {
        log(`still stopping what ${options.what} started… (${name} changes nothing; it ends by itself)`);
        return;
      }
      received = name;
      log(`\n${name}: stopping what ${options.what} started (further signals do not interrupt this)`);
      controller.abort(new StopRequested(name));
      void exit(128 + SIGNAL_NUMBERS[name]);
    });
  }

  const shutdown: Shutdown = {
    signal: controller.signal,
    async start(begin, stop, stage = 'first') {
      if (closed) throw new StopRequested();
      const starting = begin();
      pending.add(starting);
      try {
        const value = await starting;
        registered.push({ stage, stop: () => stop(value) });
        return value;
      } finally {
        pending.delete(starting);
      }
    },
  };

  main(shutdown).then(
    (code) => {
      mainCode = code;
      if (!received) {
        if (!options.quiet) log(`stopping what ${options.what} started`);
        void exit(code);
      }
    },
    (error: unknown) => {
      if (received) return;
      (options.reportError ?? ((e: unknown) => log(`✗ ${errorMessage(e)}`)))(error);
      mainCode = 1;
      if (!options.quiet) log(`stopping what ${options.what} started`);
      void exit(1);
    },
  );
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
