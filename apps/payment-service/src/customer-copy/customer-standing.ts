import type { EntityManager } from 'typeorm';
import { findCopy } from './customer-copies.js';
import type { CopiedCustomer } from './customer-copy.rules.js';
import { findFlag } from './customer-flags.js';
import type { CustomerFlag } from './customer-flag.rules.js';

/** What payment knows of a customer when it decides: the copy of its registration and its flag, each may be missing. */
export interface CustomerStanding {
  readonly copy: CopiedCustomer | null;
  readonly flag: CustomerFlag | null;
}

/** Reads both; take lockCustomer first, so neither changes until the transaction ends. */
export async function readStanding(manager: EntityManager, customerId: string): Promise<CustomerStanding> {
  return { copy: await findCopy(manager, customerId), flag: await findFlag(manager, customerId) };
}
