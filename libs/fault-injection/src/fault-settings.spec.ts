import { describe, expect, test } from '@jest/globals';
import { faultSettingsPatchSchema } from './fault-settings.js';

const messages = (value: unknown) =>
  faultSettingsPatchSchema.safeParse(value).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`);

describe('faultSettingsPatchSchema', () => {
  test('accepts any subset of the settings', () => {
    expect(faultSettingsPatchSchema.parse({ latencyMs: 250 })).toEqual({ latencyMs: 250 });
    expect(faultSettingsPatchSchema.parse({})).toEqual({});
    expect(faultSettingsPatchSchema.parse({ crashAfterMessages: null, declineProbability: 1 })).toEqual({
      crashAfterMessages: null,
      declineProbability: 1,
    });
  });

  test('rejects out-of-range values, naming the field and the range', () => {
    expect(messages({ declineProbability: 1.5, latencyMs: -1, crashAfterMessages: 0 })).toEqual([
      'declineProbability: must be a probability between 0 and 1, e.g. 0.25',
      'latencyMs: must be a whole number of milliseconds between 0 and 600000',
      'crashAfterMessages: must be a whole number of messages, 1 or more (null to never crash)',
    ]);
    expect(messages({ errorProbability: '0.5' })).toEqual([
      'errorProbability: must be a probability between 0 and 1, e.g. 0.25',
    ]);
    expect(messages({ latencyMs: 1.5 })).toEqual([
      'latencyMs: must be a whole number of milliseconds between 0 and 600000',
    ]);
  });

  test('rejects unknown fields by name', () => {
    expect(messages({ declineProbabilty: 0.5 })).toEqual([
      ': unknown field "declineProbabilty"; allowed: declineProbability, errorProbability, latencyMs, crashAfterMessages, failTaskAttempts',
    ]);
  });

  test('rejects a body that is not an object', () => {
    expect(messages([1])).toEqual([
      ': must be a JSON object with any of: declineProbability, errorProbability, latencyMs, crashAfterMessages, failTaskAttempts',
    ]);
  });
});
