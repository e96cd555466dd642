/**
 * The services of this system as plain data: the one list the service configs (default port), the e2e harness, the
 * demo and the bench read. infra/postgres/init.sql, infra/debezium/connectors and docker-compose.yml cannot import
 * it; services.spec.ts checks them against it, so a service added in one place but not the others fails a test.
 */
export interface ServiceTopology {
  /** Short name: the app is `apps/<name>-service`, its consumer group and Kafka client id `<name>-service`. */
  readonly name: string;
  /** Folder under apps/ and the compose service name. */
  readonly app: string;
  /** HTTP port of the demo and docker-compose (the config's default PORT). */
  readonly port: number;
  /** HTTP port in the end-to-end tests, so a running demo does not collide with them. */
  readonly testPort: number;
  /** HTTP port of `npm run bench`, apart from both. */
  readonly benchPort: number;
  /**
   * The database the service's schema lives in: {@link systemDatabase} for every service. The service owns the schema
   * named after its `role` there; no other role may use it (docs/adr/0009-one-database-schema-per-service.md).
   */
  readonly database: string;
  /** Its login role, and the name of its schema. */
  readonly role: string;
  /**
   * Publishes messages through its outbox: the service has an outbox table `<role>.outbox`, which its migration adds
   * to the `edr_outbox` publication and which the one Debezium connector (`edr-outbox`) captures. A pure consumer has
   * none of these.
   */
  readonly publishes: boolean;
}

/**
 * The one database of the system: every service's schema, and the one publication and replication slot Debezium
 * streams all outboxes from (one connector instead of one per service; ADR 0009 has the measurements).
 */
export const systemDatabase = 'edr';

export const Services = {
  order: {
    name: 'order',
    app: 'order-service',
    port: 3001,
    testPort: 4101,
    benchPort: 4201,
    database: systemDatabase,
    role: 'order_svc',
    publishes: true,
  },
  payment: {
    name: 'payment',
    app: 'payment-service',
    port: 3002,
    testPort: 4102,
    benchPort: 4202,
    database: systemDatabase,
    role: 'payment_svc',
    publishes: true,
  },
  inventory: {
    name: 'inventory',
    app: 'inventory-service',
    port: 3003,
    testPort: 4103,
    benchPort: 4203,
    database: systemDatabase,
    role: 'inventory_svc',
    publishes: true,
  },
  shipping: {
    name: 'shipping',
    app: 'shipping-service',
    port: 3004,
    testPort: 4104,
    benchPort: 4204,
    database: systemDatabase,
    role: 'shipping_svc',
    publishes: true,
  },
  customer: {
    name: 'customer',
    app: 'customer-service',
    port: 3005,
    testPort: 4105,
    benchPort: 4205,
    database: systemDatabase,
    role: 'customer_svc',
    publishes: true,
  },
  projection: {
    name: 'projection',
    app: 'projection-service',
    port: 3006,
    testPort: 4106,
    benchPort: 4206,
    database: systemDatabase,
    role: 'projection_svc',
    publishes: true,
  },
} as const satisfies Record<string, ServiceTopology>;

export type ServiceName = keyof typeof Services;

/** Every service, in the order above (the order the demo and the bench start them in). */
export const serviceNames = Object.keys(Services) as ServiceName[];

/**
 * A worker app: a process of its own that runs a service's background tasks (@edr/tasks), as several instances in
 * one consumer group (competing consumers). It belongs to the service's context: it uses that service's database
 * and role (docs/adr/0007-task-workers-share-their-service-database.md). `publishes` is false for every worker: it
 * has no outbox, publication or connector of its own. What its tasks announce (label-worker: ShippingLabelRendered)
 * it writes to its context's outbox, which the context's migrations create and its connector publishes (see
 * {@link writesToOutbox}).
 */
export interface WorkerTopology extends ServiceTopology {
  /** The service whose tasks it runs and whose database it shares. */
  readonly context: ServiceName;
  /** Its consumer group, the same for every instance. */
  readonly groupId: string;
}

export const isWorker = (app: ServiceTopology): app is WorkerTopology => 'context' in app;

/**
 * Whether an app writes messages to an outbox: a service that publishes writes its own; a worker writes its
 * context's when that context publishes. Only the owner (`publishes`) creates the outbox table.
 */
export const writesToOutbox = (app: ServiceTopology): boolean =>
  app.publishes || (isWorker(app) && Services[app.context].publishes);

export const Workers = {
  label: {
    name: 'label-worker',
    app: 'label-worker',
    context: 'shipping',
    groupId: 'label-worker',
    // Base ports: every instance needs its own (config PORT), so the demo and the tests give instance i port + i.
    port: 3011,
    testPort: 4111,
    benchPort: 4211,
    database: Services.shipping.database,
    role: Services.shipping.role,
    publishes: false,
  },
} as const satisfies Record<string, WorkerTopology>;

export type WorkerName = keyof typeof Workers;
