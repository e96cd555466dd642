/**
 * `npm run bench:labels`: label tasks per second with 1, 2 and 3 label workers in one run (competing consumers,
 * docs/patterns/competing-consumers.md). Starts what infrastructure is missing, builds, starts shipping-service and
 * the workers on their bench ports, and stops all of it at the end. `--help` lists the options.
 */
import { runUntilStopped } from '@edr/infra';
import { LabelOptionError, labelUsage, parseLabelBenchOptions } from './label-options.js';
import { runLabelBench } from './run-label-bench.js';

let options: ReturnType<typeof parseLabelBenchOptions>;
try {
  options = parseLabelBenchOptions(process.argv.slice(2));
} catch (error) {
  if (!(error instanceof LabelOptionError)) throw error;
  console.error(error.message);
  process.exit(2);
}
if (options === 'help') {
  console.log(labelUsage);
  process.exit(0);
}
const chosen = options;

runUntilStopped({ what: 'the label bench' }, (shutdown) => runLabelBench(chosen, shutdown));
