import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { InfraError } from './errors.js';

/** Major version from `java -version` output: `openjdk version "17.0.15"` → 17, `"1.8.0_402"` → 8. */
export function parseJavaMajor(versionOutput: string): number | undefined {
  const match = /version "(\d+)(?:\.(\d+))?/.exec(versionOutput);
  if (!match) return undefined;
  const first = Number(match[1]);
  return first === 1 ? Number(match[2]) : first;
}

/** Kafka 4 brokers and Connect workers need Java 17+; returns the major version found. */
export function assertJava(javaBin: string): number {
  const result = spawnSync(javaBin, ['-version'], { encoding: 'utf8' });
  const hint =
    'Install a JDK or JRE 17+ (Debian/Ubuntu: apt-get install openjdk-17-jre-headless; macOS: brew install openjdk@17) ' +
    'and put it on PATH, or set JAVA_HOME.';
  if (result.error) {
    throw new InfraError(`Java 17+ not found ${javaBin === 'java' ? 'on PATH' : `at ${javaBin}`}`, { hint });
  }
  const major = parseJavaMajor(`${result.stderr}${result.stdout}`);
  if (major === undefined || major < 17) {
    throw new InfraError(`Java ${major ?? '(unknown version)'} found at ${javaBin}; Kafka 4 needs Java 17+`, {
      hint,
    });
  }
  return major;
}

/**
 * Heap per JVM, measured (docs/performance.md): both run well below 256 MiB of live data under the benchmark's load,
 * and a smaller heap keeps the stack's memory (PSS) down. docker-compose.yml sets the same (its spec checks it).
 */
export const JVM_HEAPS = {
  kafka: { min: '64m', max: '256m' },
  connect: { min: '64m', max: '256m' },
} as const;

/**
 * One GC thread and no concurrent background threads: on two cores shared with Postgres and five Node services,
 * G1's helpers cost more than its short pauses save, and the small heaps collect in a few milliseconds.
 */
export const JVM_PERFORMANCE_OPTS = ['-XX:+UseSerialGC', '-Djava.awt.headless=true'] as const;

export interface JvmSpec {
  readonly heap: { readonly min: string; readonly max: string };
  readonly log4jConfig: string;
  readonly logsDir: string;
  readonly classpathDir: string;
  readonly mainClass: string;
  readonly args: readonly string[];
}

/** The java argument list kafka-run-class.sh would build, trimmed to what we use. */
export function jvmArgs(spec: JvmSpec): string[] {
  return [
    `-Xms${spec.heap.min}`,
    `-Xmx${spec.heap.max}`,
    ...JVM_PERFORMANCE_OPTS,
    `-Dkafka.logs.dir=${spec.logsDir}`,
    `-Dlog4j2.configurationFile=${spec.log4jConfig}`,
    '-cp',
    // The JVM expands `dir/*` to every jar in dir, like the Kafka tarball's libs/.
    path.join(spec.classpathDir, '*'),
    spec.mainClass,
    ...spec.args,
  ];
}
