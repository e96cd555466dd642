import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (libs/testing/src → three levels up), where apps/<name>/dist and .infra/logs are. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');

export interface ServiceSpec {
  /** Folder name under apps/, e.g. `order-service`. */
  readonly name: string;
  readonly port: number;
  readonly env: Readonly<Record<string, string>>;
  readonly logFile?: string;
  /** Extra node flags, e.g. `--cpu-prof` (which NODE_OPTIONS does not allow). */
  readonly nodeArgs?: readonly string[];
}

export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly process: ChildProcess;
  readonly logFile: string;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has exited. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL, no shutdown hooks: a crash. */
  kill(): Promise<void>;
}

const exited = (child: ChildProcess) =>
  new Promise<void>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolveExit();
    child.once('exit', () => resolveExit());
  });

/** Fails when something already listens on `port`: its /health would otherwise be taken for the new service's. */
async function assertPortFree(name: string, port: number): Promise<void> {
  await new Promise<void>((resolvePort, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE'
          ? new Error(
              `cannot start ${name}: port ${port} is already in use (a service left running by an earlier run?)`,
            )
          : error,
      ),
    );
    probe.listen(port, '0.0.0.0', () => probe.close(() => resolvePort()));
  });
}

/** Starts a built service (`apps/<name>/dist/main.js`) and waits until its /health says up. */
export async function startService(spec: ServiceSpec, timeoutMs = 60_000): Promise<RunningService> {
  await assertPortFree(spec.name, spec.port);
  const logFile = spec.logFile ?? join(repoRoot, '.infra', 'logs', `${spec.name}.log`);
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(
    process.execPath,
    [...(spec.nodeArgs ?? []), join(repoRoot, 'apps', spec.name, 'dist', 'main.js')],
    {
      cwd: repoRoot,
      env: { ...process.env, ...spec.env, PORT: String(spec.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${spec.port}`;
  const service: RunningService = {
    name: spec.name,
    url,
    process: child,
    logFile,
    async stop(graceMs = 10_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited(child);
      clearTimeout(timer);
    },
    async kill() {
      child.kill('SIGKILL');
      await exited(child);
    },
  };
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (child.exitCode !== null) {
      throw new Error(`${spec.name} exited with code ${child.exitCode} during start-up; see ${logFile}`);
    }
    try {
      const response = await fetch(`${url}/health`);
      if (response.ok) return service;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  await service.stop();
  throw new Error(`${spec.name} was not healthy within ${timeoutMs} ms (last: ${last}); see ${logFile}`);
}
