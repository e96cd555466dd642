/**
 * `npm run bench`: the stack against this machine's limits, one run, numbers only (asserts nothing).
 * Phases: idle stack; two baselines (PostgreSQL commit ceiling for the saga's write shape, a bare kafkajs round
 * trip); sequential sagas; open-loop steps at each --rates rate; a ramp until the stack saturates; the flash sale
 * (one SKU) at the ceiling's rate. Per step: throughput, outcomes (503 = refused at the door), saga latency, relay
 * lag, consumer lag, CPU and PSS per process, CPU, transactions and relayed messages per saga, labels rendered, and
 * each as a ratio to the baselines. Writes
 * bench/results/<UTC time>.{json,md,svg}. `--quick` finishes in under 4 minutes; `--help` lists the options.
 * The system is the whole one `npm run demo` runs (tools/system: every service, two label workers).
 * `--compare <ref>` runs the same bench on another commit first and prints both side by side (compare/).
 */
import { runUntilStopped } from '@edr/infra';
import { runCompare } from './compare/run-compare.js';
import { OptionError, parseBenchOptions, usage } from './options.js';
import { runBench } from './run.js';

let options: ReturnType<typeof parseBenchOptions>;
try {
  options = parseBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof OptionError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (options === 'help') {
  console.log(usage);
  process.exit(0);
}
const chosen = options;

runUntilStopped({ what: 'the bench' }, (shutdown) =>
  chosen.compare === null
    ? runBench(chosen, shutdown)
    : runCompare(chosen, process.argv.slice(2), shutdown, (line) => console.log(line)),
);
