// What the platform objects are derived from, read once: the topology (services, workers, databases, roles), the
// contracts (topics, their definitions, who produces what), the connector files the local and compose paths register,
// and which topics each app consumes (its `@EventPattern(Topics.x)` handlers, the one way an app consumes).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import {
  MessageCatalog,
  ServiceContracts,
  type TopicDefinition,
  TopicDefinitions,
  Topics,
  dlqTopicFor,
} from '@edr/contracts';
import { type ServiceTopology, Services, Workers, isWorker } from '@edr/topology';

export interface ConnectorFile {
  /** The file's basename: the connector's name everywhere (REST, compose, KafkaConnector). */
  readonly name: string;
  readonly config: Readonly<Record<string, string>>;
}

/** One app (service or worker) as the Kafka and Postgres objects need it. */
export interface AppAccess {
  readonly app: ServiceTopology;
  /** Its contract's service name (`shipping-service` for label-worker too): whose topics it owns. */
  readonly contractName: string;
  /** Topics its handlers consume, sorted. */
  readonly consumes: readonly string[];
}

export interface PlatformInputs {
  readonly topics: readonly TopicDefinition[];
  /** Topic → the services whose messages travel on it (the outbox writers; Connect does the actual write). */
  readonly producersByTopic: ReadonlyMap<string, readonly string[]>;
  /** Topic names of each contract (each topic and its `.dlq`), by contract service name. */
  readonly contractTopics: ReadonlyMap<string, readonly string[]>;
  readonly apps: readonly AppAccess[];
  readonly connectors: readonly ConnectorFile[];
}

const sorted = (values: Iterable<string>) => [...new Set(values)].sort();

export function readConnectorFiles(dir: string): ConnectorFile[] {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => ({
      name: path.basename(file, '.json'),
      config: JSON.parse(readFileSync(path.join(dir, file), 'utf8')) as Record<string, string>,
    }));
}

/** Every `*.ts` file under `dir` except tests, recursively. */
function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return entry.name.endsWith('.ts') && !/\.(int-)?spec\.ts$/.test(entry.name) ? [full] : [];
  });
}

/** The topics `apps/<app>/src` consumes: every `@EventPattern(Topics.<key>)`; an unknown key is an error. */
export function consumedTopics(appSrcDir: string): string[] {
  const topics: Readonly<Record<string, string>> = Topics;
  const found = sourceFiles(appSrcDir).flatMap((file) =>
    [...readFileSync(file, 'utf8').matchAll(/@EventPattern\(\s*Topics\.(\w+)\s*\)/g)].map((match) => {
      const topic = topics[match[1]!];
      if (topic === undefined) {
        throw new Error(`${file}: @EventPattern(Topics.${match[1]}) names no topic of @edr/contracts`);
      }
      return topic;
    }),
  );
  return sorted(found);
}

export function readPlatformInputs(repoRoot: string): PlatformInputs {
  const producersByTopic = new Map<string, string[]>();
  for (const message of MessageCatalog.definitions) {
    producersByTopic.set(
      message.topic,
      sorted([...(producersByTopic.get(message.topic) ?? []), message.producer]),
    );
  }
  const contractTopics = new Map(
    ServiceContracts.map((contract) => [
      contract.name,
      sorted(Object.values(contract.topics).flatMap((topic: string) => [topic, dlqTopicFor(topic)])),
    ]),
  );
  const apps: AppAccess[] = [...Object.values(Services), ...Object.values(Workers)].map(
    (app: ServiceTopology) => ({
      app,
      contractName: isWorker(app) ? Services[app.context].app : app.app,
      consumes: consumedTopics(path.join(repoRoot, 'apps', app.app, 'src')),
    }),
  );
  const topics = Object.values(TopicDefinitions as Readonly<Record<string, TopicDefinition>>).sort((a, b) =>
    a.name.localeCompare(b.name),
  );
  return {
    topics,
    producersByTopic,
    contractTopics,
    apps,
    connectors: readConnectorFiles(path.join(repoRoot, 'infra/debezium/connectors')),
  };
}
