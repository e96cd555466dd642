/**
 * `npm run bench`: latencies of the local stack, one run, numbers only (asserts nothing).
 * - POST /orders → order visible in the projection view (sequential orders).
 * - The order saga, POST accepted → APPROVED: sequential (pure latency) and open loop at a fixed rate (with queueing),
 *   from the order's own event times and as seen on order.events, plus each round trip through a participant.
 * - Resident memory of every process of the stack.
 * Options: `--orders N` (default 100, view latency), `--sagas N` (default 200), `--rate R` (default 5 orders/s).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { serviceNames, Services } from '@edr/topology';
import { infraDown, infraEndpoints, infraUp, runUntilStopped } from '@edr/infra';
import { repoRoot, type RunningService, startService } from '@edr/testing';
import { treeRssMiB } from './memory.js';
import { benchSku, pacedSagas, sagaWatcher, sequentialSagas } from './saga-latency.js';
import { summarize } from './stats.js';

const { values: options } = parseArgs({
  options: {
    orders: { type: 'string', default: '100' },
    sagas: { type: 'string', default: '200' },
    rate: { type: 'string', default: '5' },
  },
});
const orders = Number(options.orders);
const sagas = Number(options.sagas);
const rate = Number(options.rate);
for (const [name, value] of Object.entries({ orders, sagas, rate })) {
  if (!Number.isInteger(value) || value <= 0) {
    console.error(
      `--${name} must be a positive whole number (got "${options[name as keyof typeof options]}")`,
    );
    process.exit(2);
  }
}

async function viewLatency(order: RunningService, projection: RunningService): Promise<string[]> {
  const body = JSON.stringify({
    customerId: 'bench',
    items: [{ sku: 'BOOK-001', quantity: 1, unitPrice: 10 }],
    shippingAddress: { line1: '1 Main St', city: 'Berlin', postalCode: '10115', country: 'DE' },
  });
  const latencies: number[] = [];
  const accept: number[] = [];
  for (let i = 0; i < orders + 5; i++) {
    const t0 = performance.now();
    const response = await fetch(`${order.url}/orders`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    const { orderId } = (await response.json()) as { orderId: string };
    const t1 = performance.now();
    for (;;) {
      if ((await fetch(`${projection.url}/views/orders/${orderId}`)).ok) break;
      await new Promise((r) => setTimeout(r, 2));
    }
    if (i >= 5) {
      // the first few warm up connections and JIT
      latencies.push(performance.now() - t0);
      accept.push(t1 - t0);
    }
  }
  return [
    `POST /orders → 202           (${orders} orders): ${summarize(accept)}`,
    `POST /orders → view visible  (${orders} orders): ${summarize(latencies)}`,
  ];
}

runUntilStopped({ what: 'the bench' }, async (shutdown) => {
  await shutdown.start(
    () => infraUp({ rollbackOnFailure: true, log: () => undefined }),
    async ({ started }) => {
      if (started.length) await infraDown({ only: started, log: () => undefined });
    },
    'last',
  );
  if (
    spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0
  ) {
    throw new Error('build failed');
  }
  const endpoints = infraEndpoints();
  const brokers = endpoints.kafkaBrokers.join(',');
  const services = await Promise.all(
    serviceNames.map((name) =>
      shutdown.start(
        () =>
          startService({
            name: Services[name].app,
            port: Services[name].benchPort,
            env: { DATABASE_URL: endpoints.databaseUrl(name), KAFKA_BROKERS: brokers, LOG_LEVEL: 'warn' },
          }),
        (service) => service.stop(),
      ),
    ),
  );
  const app = (name: (typeof serviceNames)[number]) => services[serviceNames.indexOf(name)];
  const [order, inventory, projection] = [app('order'), app('inventory'), app('projection')];

  const lines = [...(await viewLatency(order!, projection!)), ''];
  const sku = await benchSku(inventory!, (sagas + 10) * 2);
  const watcher = await sagaWatcher(endpoints.kafkaBrokers);
  try {
    lines.push(...(await sequentialSagas(order!, watcher, sku, sagas)), '');
    lines.push(...(await pacedSagas(order!, watcher, sku, sagas, rate)), '');
  } finally {
    await watcher.stop();
  }
  console.log(`\n${lines.join('\n')}`);

  const state = JSON.parse(readFileSync(`${repoRoot}/.infra/state.json`, 'utf8')) as Record<
    string,
    { pid: number }
  >;
  console.log('Resident memory (RSS, process tree):');
  for (const [name, pid] of [
    ...Object.entries(state).map(([name, r]) => [name, r.pid] as const),
    ...services.map((s) => [s.name, s.process.pid!] as const),
  ]) {
    console.log(`  ${name.padEnd(20)} ${String(treeRssMiB(pid)).padStart(5)} MiB`);
  }
  return 0;
});
