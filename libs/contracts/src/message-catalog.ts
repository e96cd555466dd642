import type { MessageDefinition } from './message-definition.js';
import { ServiceContracts } from './service-contracts.js';

/**
 * Message definitions keyed by type and schema version, so that two versions of one type can be read side by side
 * while producers migrate from one to the other.
 */
export interface VersionedMessageCatalog {
  readonly definitions: readonly MessageDefinition[];
  /** The definition of `type` at `schemaVersion`, or undefined. */
  find(type: string, schemaVersion: number): MessageDefinition | undefined;
  /** The schema versions the catalog has for `type`, ascending; empty for an unknown type. */
  versionsOf(type: string): readonly number[];
  /** Every message type, each once, in definition order. */
  types(): readonly string[];
}

const keyOf = (type: string, schemaVersion: number) => `${type}@v${schemaVersion}`;

/** A catalog of `definitions`; refuses two definitions of one type and version. */
export function createMessageCatalog(definitions: readonly MessageDefinition[]): VersionedMessageCatalog {
  const byKey = new Map<string, MessageDefinition>();
  const versions = new Map<string, number[]>();
  for (const definition of definitions) {
    const key = keyOf(definition.type, definition.schemaVersion);
    if (byKey.has(key)) throw new Error(`${definition.type} v${definition.schemaVersion} is defined twice`);
    byKey.set(key, definition);
    versions.set(definition.type, [...(versions.get(definition.type) ?? []), definition.schemaVersion]);
  }
  for (const known of versions.values()) known.sort((a, b) => a - b);
  return {
    definitions,
    find: (type, schemaVersion) => byKey.get(keyOf(type, schemaVersion)),
    versionsOf: (type) => versions.get(type) ?? [],
    types: () => [...versions.keys()],
  };
}

/**
 * Every message this system knows, from every service's contract: consumers validate incoming payloads against it
 * and the outbox takes each message's topic and producer from it. docs/message-catalog.md is checked against it by a
 * test.
 */
export const MessageCatalog: VersionedMessageCatalog = createMessageCatalog(
  ServiceContracts.flatMap((contract) => contract.messages),
);

/** The catalog entry for `type` at `schemaVersion`, or undefined. */
export const messageDefinition = (type: string, schemaVersion: number): MessageDefinition | undefined =>
  MessageCatalog.find(type, schemaVersion);
