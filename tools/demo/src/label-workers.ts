/**
 * The demo's competing consumers: a burst of orders whose shipping labels the label-worker instances render between
 * them, then each instance's own report (GET /health: its id, the partitions of shipping.label-tasks it owns, the
 * tasks it did) and one label and one order confirmation as a user would fetch them.
 */
import { Topics } from '@edr/contracts';
import { type RunningService, waitFor } from '@edr/testing';

interface WorkerReport {
  readonly workerId: string;
  readonly groups: readonly { groupId: string; partitions: Readonly<Record<string, readonly number[]>> }[];
  readonly tasks: Readonly<Record<string, { done: number; skipped: number; lost: number }>>;
}

interface Log {
  step: (label: string, detail?: string) => void;
  ok: (label: string, detail?: string) => void;
}

const report = async (worker: RunningService): Promise<WorkerReport> => {
  const response = await fetch(`${worker.url}/health`);
  return ((await response.json()) as { info: { worker: WorkerReport } }).info.worker;
};

export async function showWorkersSharing(
  apps: { order: RunningService; shipping: RunningService; workers: readonly RunningService[] },
  log: Log,
  burst = 24,
): Promise<boolean> {
  log.step(
    `labels: ${burst} orders, their labels rendered by ${apps.workers.length} label-worker instances`,
    '(one consumer group on the six partitions of shipping.label-tasks)',
  );
  const orderIds = await Promise.all(
    Array.from({ length: burst }, async (_, i) => {
      const response = await fetch(`${apps.order.url}/orders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          customerId: 'demo-customer',
          items: [{ sku: 'BOOK-001', quantity: 1, unitPrice: 10 + i }],
          shippingAddress: { line1: `${i + 1} Main St`, city: 'Berlin', postalCode: '10115', country: 'DE' },
        }),
      });
      return ((await response.json()) as { orderId: string }).orderId;
    }),
  );
  const startedAt = Date.now();
  const states = await waitFor(
    'every label to be DONE',
    async () => {
      const labels = await Promise.all(
        orderIds.map(async (id) => {
          const response = await fetch(`${apps.shipping.url}/shipments/${id}`);
          const body = response.ok ? ((await response.json()) as { label: { state: string } | null }) : null;
          return body?.label?.state ?? 'NONE';
        }),
      );
      return labels.every((state) => state === 'DONE' || state === 'FAILED') ? labels : undefined;
    },
    120_000,
    250,
  ).catch(() => undefined);
  if (!states) {
    console.log('  \u001b[31m✗\u001b[0m not every label was rendered within 2 minutes');
    return false;
  }
  log.ok(
    `${states.filter((s) => s === 'DONE').length}/${burst} labels DONE`,
    `(${Date.now() - startedAt} ms after the orders)`,
  );
  const reports = await Promise.all(apps.workers.map(report));
  for (const worker of reports) {
    const partitions =
      worker.groups.find((group) => group.groupId === 'label-worker')?.partitions[
        Topics.shippingLabelTasks
      ] ?? [];
    const counts = worker.tasks['RenderShippingLabel'];
    log.ok(
      `${worker.workerId}: partitions [${partitions.join(', ')}]`,
      `labels done ${counts?.done ?? 0}, redelivered and skipped ${counts?.skipped ?? 0}`,
    );
  }
  const sample = orderIds[0]!;
  const label = await fetch(`${apps.shipping.url}/shipments/${sample}/label`);
  const pdf = Buffer.from(await label.arrayBuffer());
  log.ok(
    `GET ${apps.shipping.url}/shipments/${sample}/label`,
    `${label.status} ${label.headers.get('content-type')} ${pdf.length} bytes, starts with ${pdf.subarray(0, 5).toString()}`,
  );
  const confirmation = await waitFor(
    'the order confirmation',
    async () => {
      const response = await fetch(`${apps.order.url}/orders/${sample}/confirmation`);
      return response.ok ? ((await response.json()) as Record<string, unknown>) : undefined;
    },
    30_000,
    100,
  ).catch(() => undefined);
  if (confirmation)
    log.ok(
      `GET ${apps.order.url}/orders/${sample}/confirmation`,
      `subject: ${String(confirmation['subject'])}`,
    );
  const shares = reports.filter((w) => (w.tasks['RenderShippingLabel']?.done ?? 0) > 0).length;
  return (
    states.every((s) => s === 'DONE') &&
    confirmation !== undefined &&
    shares >= Math.min(2, apps.workers.length)
  );
}
