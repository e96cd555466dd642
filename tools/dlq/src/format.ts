import type { IHeaders } from 'kafkajs';
import type { DlqListing, ListedDeadLetter } from './dlq-reader.js';
import { recordPosition, targetTopicOf } from './records.js';
import type { RedriveResult, RedrivenRecord } from './redrive.js';

/** What the table shows of the error (the JSON lines carry all of it). */
export const ERROR_WIDTH = 60;
const KEY_WIDTH = 36;

/** Plain-text table, columns padded to their widest cell (pure). */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length)),
  );
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((width) => '-'.repeat(width))), ...rows.map(line)].join('\n');
}

/** One line, at most `max` characters, `…` marking a cut. */
export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= max ? oneLine : `${oneLine.slice(0, Math.max(0, max - 1))}…`;
}

const orDash = (text: string | undefined | null): string =>
  text === undefined || text === null || text === '' ? '-' : text;
const bufferText = (value: Buffer | null): string | null => (value === null ? null : value.toString('utf8'));

/** Where the record failed: `topic[partition]@offset` from its dlq.original.* headers. */
export const originOf = (record: ListedDeadLetter): string =>
  record.originalTopic === undefined
    ? '-'
    : recordPosition(record.originalTopic, orDash(record.originalPartition), orDash(record.originalOffset));

export const LIST_COLUMNS = [
  'partition@offset',
  'failed at',
  'event type',
  'id',
  'key',
  'original',
  'group',
  'attempts',
  'redriven',
  'error',
] as const;

export function listRow(record: ListedDeadLetter): string[] {
  return [
    `${record.partition}@${record.offset}`,
    orDash(record.failedAt),
    orDash(record.eventType),
    orDash(record.eventId),
    truncate(orDash(bufferText(record.key)), KEY_WIDTH),
    originOf(record),
    orDash(record.consumerGroup),
    orDash(record.attempts),
    record.redriven ? 'yes' : 'no',
    truncate(orDash(record.error), ERROR_WIDTH),
  ];
}

export const formatListTable = (records: readonly ListedDeadLetter[]): string =>
  formatTable(LIST_COLUMNS, records.map(listRow));

function headersAsJson(headers: IHeaders): Record<string, string | string[] | null> {
  const text = (value: unknown) => (Buffer.isBuffer(value) ? value.toString('utf8') : String(value));
  const json: Record<string, string | string[] | null> = {};
  for (const [name, value] of Object.entries(headers) as [string, unknown][]) {
    json[name] =
      value === undefined || value === null ? null : Array.isArray(value) ? value.map(text) : text(value);
  }
  return json;
}

/** One dead letter as a JSON line: everything the table shows, untruncated, plus value and headers. */
export function formatListJson(record: ListedDeadLetter): string {
  const timestamp = Number(record.timestamp);
  return JSON.stringify({
    dlqTopic: record.dlqTopic,
    partition: record.partition,
    offset: record.offset,
    timestamp: Number.isFinite(timestamp) ? new Date(timestamp).toISOString() : null,
    failedAt: record.failedAt ?? null,
    eventType: record.eventType ?? null,
    id: record.eventId ?? null,
    correlationId: record.correlationId ?? null,
    key: bufferText(record.key),
    value: bufferText(record.value),
    originalTopic: record.originalTopic ?? null,
    originalPartition: record.originalPartition === undefined ? null : Number(record.originalPartition),
    originalOffset: record.originalOffset ?? null,
    redriveTo: targetTopicOf(record),
    consumerGroup: record.consumerGroup ?? null,
    attempts: record.attempts === undefined ? null : Number(record.attempts),
    error: record.error ?? null,
    redriven: record.redriven,
    headers: headersAsJson(record.headers),
  });
}

export interface ListCounts {
  readonly total: number;
  readonly redriven: number;
  readonly pending: number;
}

export const countListing = (records: readonly ListedDeadLetter[]): ListCounts => {
  const redriven = records.filter((record) => record.redriven).length;
  return { total: records.length, redriven, pending: records.length - redriven };
};

/** The closing line of `list`: `<dlq>: N dead letters, R already redriven, P pending`. */
export function formatListSummary(dlqTopic: string, counts: ListCounts, shown?: number): string {
  const summary = `${dlqTopic}: ${counts.total} dead letter${counts.total === 1 ? '' : 's'}, ${counts.redriven} already redriven, ${counts.pending} pending`;
  return shown !== undefined && shown < counts.total ? `${summary} (showing the first ${shown})` : summary;
}

/** The whole `list` output, table or JSON lines, honouring `--limit` (pure). */
export function formatListing(
  listing: DlqListing,
  options: { readonly json: boolean; readonly limit?: number | undefined },
): { readonly stdout: string[]; readonly summary: string } {
  const shown = options.limit === undefined ? listing.records : listing.records.slice(0, options.limit);
  const summary = formatListSummary(listing.dlqTopic, countListing(listing.records), shown.length);
  if (options.json) return { stdout: shown.map(formatListJson), summary };
  return { stdout: shown.length > 0 ? [formatListTable(shown), ''] : [], summary };
}

/** One line per record `redrive` sent (or, in a dry run, would send). */
export function formatRedriven(record: RedrivenRecord, dryRun: boolean): string {
  const { deadLetter } = record;
  const details = [
    `eventType=${orDash(deadLetter.eventType)}`,
    `id=${orDash(deadLetter.eventId)}`,
    `key=${truncate(orDash(bufferText(deadLetter.key)), KEY_WIDTH)}`,
  ].join(' ');
  return `${dryRun ? 'would redrive' : 'redriven'} ${record.from} → ${record.targetTopic}  ${details}`;
}

export function formatRedriveSummary(result: RedriveResult): string {
  const count = result.redriven.length;
  const records = `${count} dead letter${count === 1 ? '' : 's'}`;
  const before = `${result.alreadyRedriven} already redriven earlier`;
  return result.dryRun
    ? `dry run: ${records} of ${result.dlqTopic} would be redriven (${before}); nothing was sent or committed`
    : `${result.dlqTopic}: redriven ${records} (${before}; progress in consumer group ${result.redriveGroup})`;
}
