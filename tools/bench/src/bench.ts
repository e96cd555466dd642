/**
 * `npm run bench`: latency from `POST /orders` to the order being visible in the projection view (sequential orders,
 * so it measures the pipeline, not queueing), and the resident memory of every process of the local stack.
 * Prints numbers; asserts nothing. Options: `--orders N` (default 100).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { infraDown, infraEndpoints, infraUp, type Component } from '../../infra/src/index.js';
import { repoRoot, type RunningService, startService } from '../../runner/src/service-process.js';

const argOrders = process.argv.indexOf('--orders');
const orders = argOrders > 0 ? Number(process.argv[argOrders + 1]) : 100;

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** RSS in MiB of a process and all its descendants (Postgres forks one backend per connection). */
function treeRssMiB(rootPid: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const ppid = Number(readFileSync(`/proc/${entry}/stat`, 'utf8').split(') ')[1]!.split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
    } catch {
      /* process ended while we looked */
    }
  }
  let kib = 0;
  const stack = [rootPid];
  while (stack.length) {
    const pid = stack.pop()!;
    try {
      kib += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
    } catch {
      /* gone */
    }
    stack.push(...(children.get(pid) ?? []));
  }
  return Math.round(kib / 1024);
}

const started: { infra: Component[]; services: RunningService[] } = { infra: [], services: [] };
try {
  const infra = await infraUp({ rollbackOnFailure: true, log: () => undefined });
  started.infra = [...infra.started];
  if (
    spawnSync('npx', ['tsc', '-b', 'tsconfig.build.json'], { cwd: repoRoot, stdio: 'inherit' }).status !== 0
  ) {
    throw new Error('build failed');
  }
  const endpoints = infraEndpoints();
  const brokers = endpoints.kafkaBrokers.join(',');
  const [order, projection] = await Promise.all([
    startService({
      name: 'order-service',
      port: 4201,
      env: { DATABASE_URL: endpoints.databaseUrl('order'), KAFKA_BROKERS: brokers, LOG_LEVEL: 'warn' },
    }),
    startService({
      name: 'projection-service',
      port: 4206,
      env: { DATABASE_URL: endpoints.databaseUrl('projection'), KAFKA_BROKERS: brokers, LOG_LEVEL: 'warn' },
    }),
  ]);
  started.services = [order, projection];

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
  latencies.sort((a, b) => a - b);
  accept.sort((a, b) => a - b);
  const fmt = (xs: number[]) =>
    `median ${percentile(xs, 50).toFixed(0)} ms · p90 ${percentile(xs, 90).toFixed(0)} ms · p99 ${percentile(xs, 99).toFixed(0)} ms · max ${xs.at(-1)!.toFixed(0)} ms`;
  console.log(`\nPOST /orders → 202           (${orders} orders): ${fmt(accept)}`);
  console.log(`POST /orders → view visible  (${orders} orders): ${fmt(latencies)}`);

  const state = JSON.parse(readFileSync(`${repoRoot}/.infra/state.json`, 'utf8')) as Record<
    string,
    { pid: number }
  >;
  console.log('\nResident memory (RSS, process tree):');
  for (const [name, pid] of [
    ...Object.entries(state).map(([name, r]) => [name, r.pid] as const),
    ['order-service', order.process.pid!] as const,
    ['projection-service', projection.process.pid!] as const,
  ]) {
    console.log(`  ${name.padEnd(20)} ${String(treeRssMiB(pid)).padStart(5)} MiB`);
  }
} finally {
  await Promise.allSettled(started.services.map((s) => s.stop()));
  if (started.infra.length) await infraDown({ only: started.infra, log: () => undefined });
}
