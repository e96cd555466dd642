import type {
  AccountOpenedPayload,
  ContactCreatedPayload,
  RegistrationFailure,
  RegistrationPart,
  RegistrationPartRefusedPayload,
  ShippingAddress,
} from '@edr/contracts';

export const CustomerStatuses = ['PENDING', 'ACTIVE', 'FAILED'] as const;
export type CustomerStatus = (typeof CustomerStatuses)[number];

/**
 * Where one part of a registration stands, as the aggregator knows it. COMPENSATING: its compensation is sent and not
 * yet confirmed. The address part holds nothing, so it has no compensation and stays DONE after a failure.
 */
export const PartStates = ['PENDING', 'DONE', 'REFUSED', 'COMPENSATING', 'COMPENSATED'] as const;
export type PartState = (typeof PartStates)[number];

export type PartStates = Readonly<Record<RegistrationPart, PartState>>;

export type ContactData = Omit<ContactCreatedPayload, 'customerId'>;
export type AccountData = Omit<AccountOpenedPayload, 'customerId'>;

/** A registration as the aggregator keeps it (the `customers` row): the parts' states and what the done ones gave. */
export interface RegistrationState {
  readonly customerId: string;
  readonly status: CustomerStatus;
  readonly parts: PartStates;
  readonly contact: ContactData | null;
  readonly account: AccountData | null;
  readonly address: ShippingAddress | null;
  readonly reason: RegistrationFailure | null;
  /** Set while PENDING, null once the registration has ended. */
  readonly deadlineAt: Date | null;
  readonly activatedAt: Date | null;
  readonly failedAt: Date | null;
}

/** What a part answered, read from customer-registration.events. */
export type PartOutcome =
  | { readonly kind: 'done'; readonly part: 'contact'; readonly contact: ContactData }
  | { readonly kind: 'done'; readonly part: 'account'; readonly account: AccountData }
  | { readonly kind: 'done'; readonly part: 'address'; readonly address: ShippingAddress }
  | ({ readonly kind: 'refused' } & Omit<RegistrationPartRefusedPayload, 'customerId'>)
  | { readonly kind: 'compensated'; readonly part: CompensatedPart };

/** The parts that hold something a failed registration must give back. */
export type CompensatedPart = 'contact' | 'account';
