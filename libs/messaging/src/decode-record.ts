export interface RawRecord {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | string | null;
  readonly value: Buffer | string | null;
  readonly headers: Readonly<Record<string, unknown>>;
  /** The record's Kafka timestamp (epoch ms as text), when the transport gives it. */
  readonly timestamp?: string;
}

export type DecodedValue = { ok: true; value: unknown } | { ok: false; error: string };

/** Header values arrive as Buffers (or, after Nest's parser, strings); consumers only ever need text. */
export function headersAsText(headers: Readonly<Record<string, unknown>>): Record<string, string> {
  const text: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined || value === null) continue;
    text[name] = Buffer.isBuffer(value) ? value.toString('utf8') : String(value);
  }
  return text;
}

export const keyAsText = (key: RawRecord['key']): string | null =>
  key === null ? null : Buffer.isBuffer(key) ? key.toString('utf8') : key;

/** Parses the record value as JSON, reporting (not throwing) a value that is empty or not JSON. */
export function decodeJsonValue(value: RawRecord['value']): DecodedValue {
  if (value === null) return { ok: false, error: 'record value is null (tombstone?)' };
  const text = Buffer.isBuffer(value) ? value.toString('utf8') : value;
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, error: `record value is not JSON: ${(error as Error).message}` };
  }
}
