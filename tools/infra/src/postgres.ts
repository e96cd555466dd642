import { spawn } from 'node:child_process';
import { chown, mkdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { InfraError } from './errors.js';
import { waitFor } from './health.js';
import { logTail } from './log-tail.js';
import { canWrite, postgresRunAs, type RunAs } from './os-user.js';
import { postgresBinaries } from './postgres-binaries.js';
import type { ProcessRecord } from './process-state.js';
import { killOnFailure, spawnDetached, stopProcess } from './processes.js';
import type { InfraSettings } from './settings.js';

/** Server flags of docs/system-contract.md (logical decoding for Debezium, one slot per service and spare). */
export const POSTGRES_FLAGS = [
  '-c',
  'wal_level=logical',
  '-c',
  'max_wal_senders=20',
  '-c',
  'max_replication_slots=20',
  // six services with connection pools, six connectors with two connections each, tests and the demo.
  '-c',
  'max_connections=200',
];

/** Starts the embedded cluster (initdb on first use); resolves once it accepts connections. */
export async function startPostgres(
  settings: InfraSettings,
  timeoutMs: number,
): Promise<ProcessRecord & { version: string }> {
  const { postgresData, logsDir } = settings.paths;
  const binaries = postgresBinaries();
  const runAs = postgresRunAs();
  const logFile = path.join(logsDir, 'postgres.log');
  await prepareDataDir(postgresData, runAs);
  if (!(await exists(path.join(postgresData, 'PG_VERSION')))) {
    await initdb(binaries.initdb, settings, runAs, path.join(logsDir, 'postgres-initdb.log'));
  }
  const { host, port } = settings.postgres;
  const pid = await spawnDetached({
    command: binaries.postgres,
    // -k '': no Unix socket, so we never collide with a system server's /tmp/.s.PGSQL.5432.
    args: ['-D', postgresData, '-p', String(port), '-h', host, '-k', '', ...POSTGRES_FLAGS],
    logFile,
    env: { PATH: settings.childEnv.PATH, LC_ALL: 'C' },
    uid: runAs?.uid,
    gid: runAs?.gid,
  });
  const version = await killOnFailure(pid, () =>
    waitFor(() => probePostgres(settings.postgres.superuserUrl), {
      what: `PostgreSQL to accept connections on ${host}:${port}`,
      timeoutMs,
      pid,
      logFile,
    }),
  );
  return {
    pid,
    marker: postgresData,
    endpoint: `${host}:${port}`,
    startedAt: new Date().toISOString(),
    version,
  };
}

/** Fast shutdown (SIGINT: abort transactions, checkpoint, exit), then SIGKILL if it hangs. */
export async function stopPostgres(record: ProcessRecord): Promise<string> {
  return stopProcess(record.pid, 'SIGINT', 30_000);
}

/** server_version if a superuser connection works, else throws the connection error. */
export async function probePostgres(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  await client.connect();
  try {
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    return result.rows[0]?.server_version.split(' ')[0] ?? 'unknown';
  } finally {
    await client.end();
  }
}

async function prepareDataDir(dataDir: string, runAs: RunAs | undefined): Promise<void> {
  // The mode applies to every directory a recursive mkdir creates: create the parents with the default one.
  await mkdir(path.dirname(dataDir), { recursive: true });
  await mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (runAs) await chown(dataDir, runAs.uid, runAs.gid);
  if (!canWrite(dataDir, runAs)) {
    throw new InfraError(`the OS user "postgres" (uid ${runAs?.uid}) cannot write ${dataDir}`, {
      hint:
        'One of its parent directories is closed to other users (typical for the home directory of root). Set EDR_INFRA_DIR to a directory ' +
        'it can reach, e.g. EDR_INFRA_DIR=/var/tmp/edr-infra, or `chmod o+x` the parents.',
    });
  }
}

async function initdb(
  initdbBin: string,
  settings: InfraSettings,
  runAs: RunAs | undefined,
  logFile: string,
): Promise<void> {
  const { postgresData, configDir } = settings.paths;
  await mkdir(configDir, { recursive: true });
  const pwfile = path.join(configDir, 'postgres.pwfile');
  await writeFile(pwfile, `${settings.postgres.superuserPassword}\n`, { mode: 0o600 });
  if (runAs) await chown(pwfile, runAs.uid, runAs.gid);
  try {
    const args = [
      `--pgdata=${postgresData}`,
      `--username=${settings.postgres.superuser}`,
      `--pwfile=${pwfile}`,
      '--auth=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ];
    const code = await new Promise<number | null>((resolve, reject) => {
      const child = spawn(initdbBin, args, {
        // Its own process group: a Ctrl-C of the tool's terminal must not end it half-way through the data dir.
        detached: true,
        uid: runAs?.uid,
        gid: runAs?.gid,
        env: { PATH: settings.childEnv.PATH, LC_ALL: 'C' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const chunks: Buffer[] = [];
      child.stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.stderr.on('data', (chunk: Buffer) => chunks.push(chunk));
      child.once('error', reject);
      child.once('close', (exitCode) => {
        writeFile(logFile, Buffer.concat(chunks)).then(() => resolve(exitCode), reject);
      });
    });
    if (code !== 0) {
      // A half-initialised directory would make the next run skip initdb.
      await rm(postgresData, { recursive: true, force: true });
      throw new InfraError(`initdb failed (exit ${code})`, { logTail: await logTail(logFile) });
    }
  } finally {
    await rm(pwfile, { force: true });
  }
}

async function exists(file: string): Promise<boolean> {
  return stat(file).then(
    () => true,
    () => false,
  );
}
