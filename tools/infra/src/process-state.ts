import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { commandLine, isAlive } from './processes.js';

export const COMPONENTS = ['postgres', 'kafka', 'connect'] as const;
export type Component = (typeof COMPONENTS)[number];

export interface ProcessRecord {
  readonly pid: number;
  /** A string only our instance has on its command line (its data dir or config file path): guards against pid reuse. */
  readonly marker: string;
  readonly endpoint: string;
  readonly startedAt: string;
}

export type InfraState = Partial<Record<Component, ProcessRecord>>;

export async function readState(file: string): Promise<InfraState> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as InfraState;
  } catch {
    return {};
  }
}

export async function writeState(file: string, state: InfraState): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  await writeFile(temporary, `${JSON.stringify(state, null, 2)}\n`);
  await rename(temporary, file);
}

export async function updateState(
  file: string,
  component: Component,
  record: ProcessRecord | undefined,
): Promise<void> {
  const state = await readState(file);
  if (record) state[component] = record;
  else delete state[component];
  await writeState(file, state);
}

/** Alive, and still the process we started (not a recycled pid). */
export function isOurs(record: ProcessRecord | undefined): boolean {
  return record !== undefined && isAlive(record.pid) && commandLine(record.pid).includes(record.marker);
}
