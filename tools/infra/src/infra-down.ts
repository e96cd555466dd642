import { stopConnect } from './connect.js';
import { stopKafka } from './kafka.js';
import { stopPostgres } from './postgres.js';
import { isOurs, readState, updateState, type Component, type ProcessRecord } from './process-state.js';
import { seconds, type Log } from './progress.js';
import { getSettings } from './settings.js';

export interface InfraDownOptions {
  /** Stop only these (e.g. what `infraUp` returned as `started`); default: everything we started. */
  readonly only?: readonly Component[];
  readonly log?: Log;
}

// Consumers of a component stop before it: Connect (writes to Kafka, reads Postgres), then Kafka, then Postgres.
const STOP_ORDER: readonly [Component, (record: ProcessRecord) => Promise<string>][] = [
  ['connect', stopConnect],
  ['kafka', stopKafka],
  ['postgres', stopPostgres],
];

/** Stops the processes recorded in .infra/state.json that are still ours; never touches anything else. */
export async function infraDown(options: InfraDownOptions = {}): Promise<void> {
  const { stateFile } = getSettings().paths;
  const log = options.log ?? ((line: string) => console.log(line));
  const state = await readState(stateFile);
  for (const [component, stop] of STOP_ORDER) {
    if (options.only && !options.only.includes(component)) continue;
    const record = state[component];
    if (!record) continue;
    if (isOurs(record)) {
      const begun = performance.now();
      const outcome = await stop(record);
      log(`✓ ${component} ${outcome} (pid ${record.pid}, ${seconds(performance.now() - begun)})`);
    } else {
      log(`· ${component} was not running (pid ${record.pid} gone or reused); forgetting it`);
    }
    await updateState(stateFile, component, undefined);
  }
}
