/**
 * The demo's registrations: one customer registered by event aggregation and followed part by part, then a second one
 * with the same e-mail, refused by the contact part, whose account and address are compensated. Returns the two ids,
 * so that the saga scenarios can place orders for an ACTIVE and for a FAILED customer.
 */
import { type RunningService, waitFor } from '@edr/testing';

interface CustomerView {
  readonly customerId: string;
  readonly status: 'PENDING' | 'ACTIVE' | 'FAILED';
  readonly reason: { part: string; code: string; detail: string } | null;
  readonly parts: Readonly<Record<'contact' | 'account' | 'address', string>>;
}

export interface DemoRegistrations {
  readonly active: string;
  readonly failed: string;
  readonly matched: boolean;
}

const partStates = (view: CustomerView) =>
  Object.entries(view.parts)
    .map(([part, state]) => `${part} ${state}`)
    .join(' · ');

async function register(customer: RunningService, body: Record<string, unknown>) {
  const postedAt = Date.now();
  const response = await fetch(`${customer.url}/customers`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'idempotency-key': `demo-registration-${postedAt}-${String(body['name']).replaceAll(' ', '-')}`,
    },
    body: JSON.stringify(body),
  });
  const accepted = (await response.json()) as { customerId: string; status: string };
  if (response.status !== 202) {
    throw new Error(`POST /customers answered ${response.status}: ${JSON.stringify(accepted)}`);
  }
  const view = await waitFor(
    `customer ${accepted.customerId} to leave PENDING`,
    async () => {
      const r = await fetch(`${customer.url}/customers/${accepted.customerId}`);
      const current = r.ok ? ((await r.json()) as CustomerView) : undefined;
      return current && current.status !== 'PENDING' ? current : undefined;
    },
    30_000,
    20,
  );
  return { accepted, view, elapsed: Date.now() - postedAt, location: response.headers.get('location') };
}

export async function runRegistrations(
  customer: RunningService,
  log: { step: (label: string, detail?: string) => void; ok: (label: string, detail?: string) => void },
): Promise<DemoRegistrations> {
  const email = `ada.${Date.now().toString(36)}@example.com`;
  const address = { line1: '12 Analytical Row', city: 'London', postalCode: 'SW1A 1AA', country: 'GB' };

  log.step('registration 1/2', `POST ${customer.url}/customers (contact, account and address checked apart)`);
  const first = await register(customer, {
    name: 'Ada Lovelace',
    email,
    phone: '+44 20 7946 0000',
    address,
    creditLimit: 2_000,
  });
  log.ok(`202 Accepted customerId=${first.accepted.customerId} Location=${first.location}`);
  log.ok(`${first.view.status} in ${first.elapsed} ms`, partStates(first.view));

  log.step('registration 2/2', `the same e-mail ${email} again: refused, the parts already done are undone`);
  const second = await register(customer, {
    name: 'Ada Impostor',
    email,
    phone: '+44 20 7946 0001',
    address,
    creditLimit: 500,
  });
  const reason = second.view.reason;
  log.ok(
    `${second.view.status} in ${second.elapsed} ms${reason ? ` (${reason.part} ${reason.code}: ${reason.detail})` : ''}`,
    partStates(second.view),
  );
  // The account was opened before the contact was refused; it is closed a moment after FAILED is visible. The
  // address holds nothing, so it stays DONE.
  const compensated = await waitFor(
    'the compensations of the refused registration',
    async () => {
      const r = await fetch(`${customer.url}/customers/${second.accepted.customerId}`);
      const view = (await r.json()) as CustomerView;
      return view.parts.account === 'COMPENSATED' ? view : undefined;
    },
    10_000,
  ).catch(() => undefined);
  if (compensated) log.ok('after compensation', partStates(compensated));
  return {
    active: first.accepted.customerId,
    failed: second.accepted.customerId,
    matched:
      first.view.status === 'ACTIVE' &&
      second.view.status === 'FAILED' &&
      reason?.code === 'EMAIL_IN_USE' &&
      compensated !== undefined,
  };
}
