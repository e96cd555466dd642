import { spawn, spawnSync } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { InfraError } from './errors.js';
import { logTail } from './log-tail.js';
import type { InfraSettings } from './settings.js';

export interface PinnedVersions {
  readonly kafka: string;
  readonly debezium: string;
}

/** Versions pinned in tools/infra/pom.xml, the one place they are written down. */
export function parsePomVersions(pom: string): PinnedVersions {
  const kafka = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom)?.[1];
  const debezium = /<debezium\.version>([^<]+)<\/debezium\.version>/.exec(pom)?.[1];
  if (!kafka || !debezium)
    throw new InfraError('tools/infra/pom.xml lacks <kafka.version> or <debezium.version>');
  return { kafka, debezium };
}

/**
 * Makes sure .infra/cache holds the Kafka/Connect classpath and the Debezium plugin of the pinned versions; runs
 * `mvn package` when they are missing (seconds with a warm ~/.m2, a few minutes on a cold one).
 * Returns the versions and whether Maven ran.
 */
export async function ensureJars(
  settings: InfraSettings,
  log: (line: string) => void,
): Promise<PinnedVersions & { resolved: boolean }> {
  const { pomFile, kafkaLibs, connectPlugins, logsDir, infraDir } = settings.paths;
  const versions = parsePomVersions(await readFile(pomFile, 'utf8'));
  const plugin = path.join(connectPlugins, 'debezium-connector-postgres');
  const expected = [
    path.join(kafkaLibs, `kafka_2.13-${versions.kafka}.jar`),
    path.join(kafkaLibs, `connect-runtime-${versions.kafka}.jar`),
    path.join(plugin, `debezium-connector-postgres-${versions.debezium}.jar`),
  ];
  if (expected.every((file) => existsSync(file))) return { ...versions, resolved: false };

  if (spawnSync('mvn', ['-v'], { stdio: 'ignore' }).error) {
    throw new InfraError(
      'Maven not found (needed once to fetch the Kafka and Debezium jars into .infra/cache)',
      {
        hint: 'Install Maven 3.6+ (Debian/Ubuntu: apt-get install maven; macOS: brew install maven) and re-run.',
      },
    );
  }
  log(
    `· fetching Kafka ${versions.kafka} and Debezium ${versions.debezium} jars with Maven (first run only)`,
  );
  // copy-dependencies never deletes: after a version bump the old jars would share the classpath with the new.
  await rm(kafkaLibs, { recursive: true, force: true });
  await rm(plugin, { recursive: true, force: true });
  // dependency:unpack skips artifacts its marker files call "already unpacked", even into another directory.
  await rm(path.join(path.dirname(pomFile), 'target', 'dependency-maven-plugin-markers'), {
    recursive: true,
    force: true,
  });
  const logFile = path.join(logsDir, 'maven.log');
  const args = ['-B', '-f', pomFile, `-Dinfra.cache=${path.join(infraDir, 'cache')}`, 'package'];
  const code = await run('mvn', args, logFile, settings.childEnv);
  const missing = expected.filter((file) => !existsSync(file));
  if (code !== 0 || missing.length > 0) {
    throw new InfraError(
      `mvn package failed (exit ${code}${missing.length ? `, missing ${missing.join(', ')}` : ''})`,
      {
        hint: `Run it yourself to see why: mvn ${args.join(' ')}`,
        logTail: await logTail(logFile),
      },
    );
  }
  return { ...versions, resolved: true };
}

function run(
  command: string,
  args: string[],
  logFile: string,
  env: InfraSettings['childEnv'],
): Promise<number | null> {
  const fd = openSync(logFile, 'w');
  return new Promise<number | null>((resolve, reject) => {
    const child = spawn(command, args, { stdio: ['ignore', fd, fd], env });
    child.once('error', reject);
    child.once('close', resolve);
  }).finally(() => closeSync(fd));
}
