/**
 * `npm run bench:projections`: the read side on the whole stack, one run. The projection lag per view under open-loop
 * orders (from projection_db's view_changes and /health), then every view rebuilt and verified from the log over at
 * least `--events` records (topped up with synthetic orders): records replayed per second, how long the live side was
 * held, and where the replay's time goes. Writes bench/results/projections-<UTC time>.{json,md}; asserts nothing.
 * `--help` lists the options.
 */
import { runUntilStopped } from '@edr/infra';
import { ProjectionOptionError, parseProjectionBenchOptions, projectionUsage } from './projection-options.js';
import { runProjectionBench } from './run-projection-bench.js';

let options: ReturnType<typeof parseProjectionBenchOptions>;
try {
  options = parseProjectionBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof ProjectionOptionError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (options === 'help') {
  console.log(projectionUsage);
  process.exit(0);
}
const chosen = options;

runUntilStopped({ what: 'the read-side bench' }, (shutdown) => runProjectionBench(chosen, shutdown));
