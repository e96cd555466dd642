import { CustomerContract } from './customer/customer.contract.js';
import { InventoryContract } from './inventory/inventory.contract.js';
import { OrderContract } from './order/order.contract.js';
import { PaymentContract } from './payment/payment.contract.js';
import { ProjectionContract } from './projection/projection.contract.js';
import type { ServiceContract } from './service-contract.js';
import { ShippingContract } from './shipping/shipping.contract.js';

/**
 * Every service's contract: the one list the catalog, the topic names and definitions and the aggregate types are
 * assembled from. A new service adds its folder (`<name>/<name>.identity.ts`, its messages, `<name>.contract.ts`)
 * and one line here.
 */
export const ServiceContracts = [
  OrderContract,
  PaymentContract,
  InventoryContract,
  ShippingContract,
  CustomerContract,
  ProjectionContract,
] as const satisfies readonly ServiceContract[];

type Contract = (typeof ServiceContracts)[number];
type Merged<U> = (U extends unknown ? (part: U) => void : never) extends (all: infer I) => void ? I : never;

/** Fails when two contracts claim one key, so that merging them cannot silently drop a topic or an aggregate. */
function merge<T>(what: string, parts: readonly Readonly<Record<string, unknown>>[]): T {
  const merged: Record<string, unknown> = {};
  for (const part of parts) {
    for (const [key, value] of Object.entries(part)) {
      if (Object.hasOwn(merged, key)) throw new Error(`two service contracts define ${what} "${key}"`);
      merged[key] = value;
    }
  }
  // The runtime object has exactly the keys of the contracts' parts, which is what T, their intersection, states.
  return merged as T;
}

/** Topic names by key (`Topics.paymentCommands` is `payment.commands`), from every contract. */
export const Topics = merge<Readonly<Merged<Contract['topics']>>>(
  'topic',
  ServiceContracts.map((contract) => contract.topics),
);
export type Topic = (typeof Topics)[keyof typeof Topics];

/**
 * The topics this system defines, as data: services create the ones they produce or consume at boot (creation is
 * idempotent, so producer and consumer may both do it), and deployment manifests (Strimzi KafkaTopic) are generated
 * from the same list. `TopicDefinitions.paymentCommands` and its dead letters `TopicDefinitions.paymentCommandsDlq`.
 */
export const TopicDefinitions = merge<Readonly<Merged<Contract['topicDefinitions']>>>(
  'topic definition',
  ServiceContracts.map((contract) => contract.topicDefinitions),
);

/** The aggregate types envelopes carry, by name (`AggregateTypes.payment` is `payment`): one per service. */
export const AggregateTypes = merge<{ readonly [C in Contract as C['aggregateType']]: C['aggregateType'] }>(
  'aggregate type',
  ServiceContracts.map((contract) => ({ [contract.aggregateType]: contract.aggregateType })),
);
export type AggregateType = Contract['aggregateType'];

/** The contract of the service named `name` (`config.serviceName`), or undefined. */
export const serviceContract = (name: string): ServiceContract | undefined =>
  ServiceContracts.find((contract) => contract.name === name);
