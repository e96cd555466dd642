// docs/message-catalog.md against MessageCatalog (@edr/contracts): every message type and version and every topic is
// documented, the page names no message type or version the catalog lacks, and each documented row states the
// catalog's kind, topic, producer and payload fields. Pure file reading, no I/O beyond that.
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { MessageCatalog, type MessageDefinition, Topics, dlqTopicFor } from '@edr/contracts';

const repoRoot = path.resolve(fileURLToPath(new URL('.', import.meta.url)), '../..');
const docPath = path.join(repoRoot, 'docs/message-catalog.md');
const docText = readFileSync(docPath, 'utf8');

// ---------------------------------------------------------------------------------------------------------------
// Markdown tables, as far as these checks need them.

interface Row {
  /** 1-based line number in the document. */
  readonly line: number;
  /** Header cell text (lower-cased) → cell text. */
  readonly cells: Readonly<Record<string, string>>;
  readonly first: string;
}

/** Splits a table line on `|` that is neither escaped nor inside a code span. */
function splitCells(line: string): string[] {
  const cells: string[] = [];
  let current = '';
  let inCode = false;
  for (let i = 0; i < line.length; i += 1) {
    const c = line[i]!;
    if (c === '\\' && line[i + 1] === '|') {
      current += '|';
      i += 1;
    } else if (c === '`') {
      inCode = !inCode;
      current += c;
    } else if (c === '|' && !inCode) {
      cells.push(current.trim());
      current = '';
    } else {
      current += c;
    }
  }
  cells.push(current.trim());
  // A table line starts and ends with `|`: drop the empty edges.
  return cells.slice(1, line.trimEnd().endsWith('|') ? -1 : undefined);
}

const isSeparator = (cells: readonly string[]) => cells.every((c) => /^:?-{3,}:?$/.test(c));

/** Every body row of every table, keyed by its table's header cells. */
function tableRows(markdown: string): Row[] {
  const rows: Row[] = [];
  let header: string[] | null = null;
  let previousWasTable = false;
  markdown.split('\n').forEach((text, index) => {
    const isTableLine = text.trimStart().startsWith('|');
    if (!isTableLine) {
      header = null;
      previousWasTable = false;
      return;
    }
    const cells = splitCells(text.trim());
    if (!previousWasTable) header = cells.map((c) => c.toLowerCase());
    else if (!isSeparator(cells) && header) {
      const named = Object.fromEntries(header.map((h, i) => [h, cells[i] ?? '']));
      rows.push({ line: index + 1, cells: named, first: cells[0] ?? '' });
    }
    previousWasTable = true;
  });
  return rows;
}

/** Backticked PascalCase words (`OrderPlaced`), the way the page names message types. */
const pascalCaseCodeSpans = (text: string): string[] =>
  [...text.matchAll(/`([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)*)`/g)].map((m) => m[1]!);

const codeSpans = (text: string): string[] => [...text.matchAll(/`([^`]+)`/g)].map((m) => m[1]!);

const keyOf = (type: string, schemaVersion: number) => `${type} v${schemaVersion}`;

const payloadFields = (definition: MessageDefinition): string[] =>
  definition.payload instanceof z.ZodObject ? Object.keys(definition.payload.shape) : [];

// ---------------------------------------------------------------------------------------------------------------
// The checks, as a pure function of the document text, so they can be shown to catch broken documents too.

function problemsOf(markdown: string): string[] {
  const problems: string[] = [];
  const rows = tableRows(markdown);
  const inlineCode = new Set(codeSpans(markdown));

  const rowsByKey = new Map<string, Row[]>();
  for (const row of rows) {
    for (const type of pascalCaseCodeSpans(row.first)) {
      const known = MessageCatalog.versionsOf(type);
      if (known.length === 0) {
        problems.push(`line ${row.line}: \`${type}\` is not a message type in MessageCatalog`);
        continue;
      }
      const version = Number(row.cells['version']);
      if (!known.includes(version)) {
        problems.push(
          `line ${row.line}: ${type} version "${row.cells['version'] ?? ''}" is not in MessageCatalog (it has ${known.join(', ')})`,
        );
        continue;
      }
      const key = keyOf(type, version);
      rowsByKey.set(key, [...(rowsByKey.get(key) ?? []), row]);
    }
  }

  for (const definition of MessageCatalog.definitions) {
    const { type, schemaVersion } = definition;
    const found = rowsByKey.get(keyOf(type, schemaVersion)) ?? [];
    if (found.length === 0) {
      problems.push(`${type} (${definition.topic}) v${schemaVersion} has no row in any table`);
      continue;
    }
    if (found.length > 1) {
      problems.push(
        `${type} v${schemaVersion} has ${found.length} rows (lines ${found.map((r) => r.line).join(', ')})`,
      );
    }
    const row = found[0]!;
    const where = `line ${row.line} (${type})`;
    const producer = row.cells['producer'] ?? '';
    if (!producer.startsWith(definition.producer)) {
      problems.push(`${where}: producer is "${producer}", the catalog says ${definition.producer}`);
    }
    const kind = row.cells['kind'];
    if (kind !== definition.kind)
      problems.push(`${where}: kind is "${kind}", the catalog says "${definition.kind}"`);
    const topic = row.cells['topic'];
    if (topic !== `\`${definition.topic}\``) {
      problems.push(`${where}: topic is "${topic}", the catalog says \`${definition.topic}\``);
    }
    const payload = row.cells['payload fields'];
    if (payload === undefined) {
      problems.push(`${where}: its table has no "Payload fields" column`);
    } else {
      const documented = new Set(codeSpans(payload));
      const missing = payloadFields(definition).filter((field) => !documented.has(field));
      if (missing.length > 0) problems.push(`${where}: payload fields not documented: ${missing.join(', ')}`);
    }
  }

  for (const topic of Object.values(Topics)) {
    if (!inlineCode.has(topic)) problems.push(`topic ${topic} is not named (in backticks) anywhere`);
  }
  const dlqConvention = dlqTopicFor('<topic>');
  if (!inlineCode.has(dlqConvention))
    problems.push(`the dead-letter convention ${dlqConvention} is not described`);
  return problems;
}

// ---------------------------------------------------------------------------------------------------------------

describe('docs/message-catalog.md', () => {
  test('documents every MessageCatalog type, version and topic, and nothing the catalog lacks', () => {
    expect(problemsOf(docText)).toEqual([]);
  });

  test('has one table row per catalog type and version (the parser really sees the tables)', () => {
    const documented = tableRows(docText).flatMap((row) =>
      pascalCaseCodeSpans(row.first).map((type) => keyOf(type, Number(row.cells['version']))),
    );
    const catalog = MessageCatalog.definitions.map((d) => keyOf(d.type, d.schemaVersion));
    expect(documented.sort()).toEqual(catalog.sort());
  });

  describe('the checks catch a page that drifted from the catalog', () => {
    const rowOf = (type: string) => {
      const line = docText.split('\n').find((l) => l.trimStart().startsWith(`| \`${type}\``));
      if (!line) throw new Error(`no row for ${type} in the document`);
      return line;
    };

    test('a catalog type without a row', () => {
      const broken = docText.replace(`${rowOf('RefundPayment')}\n`, '');
      expect(problemsOf(broken)).toContainEqual(expect.stringContaining('RefundPayment (payment.commands)'));
    });

    test('a row for a type the catalog does not have', () => {
      const row = rowOf('OrderApproved');
      const broken = docText.replace(row, `${row}\n${row.replace('`OrderApproved`', '`OrderShipped`')}`);
      expect(problemsOf(broken)).toContainEqual(
        expect.stringContaining('`OrderShipped` is not a message type'),
      );
    });

    test('a version the catalog does not have', () => {
      const row = rowOf('PaymentDeclined');
      const broken = docText.replace(row, row.replace(/\|\s*1\s*\|/, '| 2 |'));
      expect(problemsOf(broken)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/PaymentDeclined version "2" is not in MessageCatalog \(it has 1\)/),
          'PaymentDeclined (payment.events) v1 has no row in any table',
        ]),
      );
    });

    test('a wrong producer', () => {
      const row = rowOf('ShipmentFailed');
      const broken = docText.replace(row, row.replace('shipping-service, on', 'order-service, on'));
      expect(problemsOf(broken)).toContainEqual(
        expect.stringMatching(
          /ShipmentFailed\): producer is "order-service, on .*", the catalog says shipping-service/,
        ),
      );
    });

    test('a topic that is not named', () => {
      const broken = docText.replaceAll('`shipping.events`', 'shipping events');
      expect(problemsOf(broken)).toContainEqual('topic shipping.events is not named (in backticks) anywhere');
    });

    test('a wrong kind, topic or payload field', () => {
      const row = rowOf('ReleaseInventory');
      const wrong = row
        .replace(/\|\s*command\s*\|/, '| event |')
        .replace('`inventory.commands`', '`inventory.events`  ')
        .replace('`attempt`', 'attempt');
      const problems = problemsOf(docText.replace(row, wrong));
      expect(problems).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/ReleaseInventory\): kind is "event"/),
          expect.stringMatching(/ReleaseInventory\): topic is "`inventory.events`"/),
          expect.stringMatching(/ReleaseInventory\): payload fields not documented: attempt/),
        ]),
      );
    });

    test('a missing dead-letter convention', () => {
      const broken = docText.replaceAll('`<topic>.dlq`', '<topic>.dlq');
      expect(problemsOf(broken)).toContainEqual(expect.stringContaining('<topic>.dlq'));
    });
  });
});
