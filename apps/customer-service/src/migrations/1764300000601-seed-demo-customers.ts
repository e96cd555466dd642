import type { MigrationInterface, QueryRunner } from 'typeorm';
import { startRegistration } from '../register-customer/start-registration.js';
import type { RegisterCustomerRequest } from '../register-customer/register-customer.request.js';

/**
 * The demo and bench customers, registered through the same start as POST /customers: each becomes PENDING here and
 * ACTIVE once the service's parts have done their real work (email held, account opened, address checked). Fixed,
 * readable ids, so the demo, the e2e tests and the bench can name them. Their deadline is generous: the parts run
 * only once the service has started, which may take a while after its migrations on a busy machine.
 */
export const SeededCustomers: readonly (RegisterCustomerRequest & { readonly customerId: string })[] = [
  seeded('cust-small', 'Small Spender', 100, {
    line1: '1 Kleine Str',
    city: 'Berlin',
    postalCode: '10115',
    country: 'DE',
  }),
  seeded('cust-standard', 'Standard Shopper', 1_000, {
    line1: '12 Rue de Rivoli',
    city: 'Paris',
    postalCode: '75001',
    country: 'FR',
  }),
  seeded('cust-vip', 'Very Important Buyer', 100_000, {
    line1: '221B Baker Street',
    city: 'London',
    postalCode: 'NW1 6XE',
    country: 'GB',
  }),
  seeded('cust-blocked', 'Blocked Buyer', 0, {
    line1: 'Damrak 1',
    city: 'Amsterdam',
    postalCode: '1012 LG',
    country: 'NL',
  }),
  seeded('demo-customer', 'Demo Customer', 5_000, {
    line1: '1 Main St',
    city: 'Berlin',
    postalCode: '10115',
    country: 'DE',
  }),
  seeded('bench', 'Bench Load', 100_000, {
    line1: '350 Fifth Avenue',
    city: 'New York',
    postalCode: '10118',
    country: 'US',
  }),
];

function seeded(
  customerId: string,
  name: string,
  creditLimit: number,
  address: RegisterCustomerRequest['address'],
): RegisterCustomerRequest & { customerId: string } {
  return {
    customerId,
    name,
    email: `${customerId}@example.com`,
    phone: '+49 30 1234567',
    address,
    creditLimit,
  };
}

const SEED_DEADLINE_MS = 60 * 60 * 1000;

export class SeedDemoCustomers1764300000601 implements MigrationInterface {
  name = 'SeedDemoCustomers1764300000601';

  async up(queryRunner: QueryRunner): Promise<void> {
    const deadlineAt = new Date(Date.now() + SEED_DEADLINE_MS);
    for (const { customerId, ...request } of SeededCustomers) {
      await startRegistration(queryRunner.manager, {
        customerId,
        request,
        deadlineAt,
        correlationId: `seed-${customerId}`,
        causationId: null,
        traceparent: null,
      });
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    const ids = SeededCustomers.map((customer) => customer.customerId);
    for (const table of ['addresses', 'credit_accounts', 'contacts', 'customers']) {
      await queryRunner.query(`DELETE FROM ${table} WHERE customer_id = ANY($1)`, [ids]);
    }
  }
}
