import { describe, expect, test } from '@jest/globals';
import { decodeJsonValue, headersAsText, keyAsText } from './decode-record.js';

describe('record decoding', () => {
  test('parses a JSON value', () => {
    expect(decodeJsonValue(Buffer.from('{"a":1}'))).toEqual({ ok: true, value: { a: 1 } });
  });

  test('reports a value that is not JSON instead of throwing', () => {
    const result = decodeJsonValue(Buffer.from('not json'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^record value is not JSON/);
    expect(decodeJsonValue(null)).toEqual({ ok: false, error: 'record value is null (tombstone?)' });
  });

  test('turns headers and keys into text and drops empty headers', () => {
    expect(headersAsText({ id: Buffer.from('e-1'), eventType: 'OrderPlaced', missing: undefined })).toEqual({
      id: 'e-1',
      eventType: 'OrderPlaced',
    });
    expect(keyAsText(Buffer.from('k'))).toBe('k');
    expect(keyAsText(null)).toBeNull();
  });
});
