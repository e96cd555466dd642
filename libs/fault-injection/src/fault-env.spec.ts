import { describe, expect, test } from '@jest/globals';
import { z } from 'zod';
import { loadConfig } from '@edr/config';
import { faultEnvFields, faultSettingsFromEnv } from './fault-env.js';

// As a service would use it: its own fields plus the fault fields, in one schema.
const schema = z.object({ PORT: z.string().default('3002'), ...faultEnvFields });
const settingsFrom = (env: Record<string, string | undefined>) =>
  faultSettingsFromEnv(loadConfig(schema, env));

describe('faultEnvFields', () => {
  test('no variables means no faults', () => {
    expect(settingsFrom({})).toEqual({
      declineProbability: 0,
      errorProbability: 0,
      latencyMs: 0,
      crashAfterMessages: null,
      failTaskAttempts: null,
    });
  });

  test('empty strings count as unset', () => {
    expect(settingsFrom({ FAULT_DECLINE_PROBABILITY: '', FAULT_CRASH_AFTER_MESSAGES: ' ' })).toEqual({
      declineProbability: 0,
      errorProbability: 0,
      latencyMs: 0,
      crashAfterMessages: null,
      failTaskAttempts: null,
    });
  });

  test('parses every variable', () => {
    expect(
      settingsFrom({
        FAULT_DECLINE_PROBABILITY: '0.25',
        FAULT_ERROR_PROBABILITY: '1',
        FAULT_LATENCY_MS: '150',
        FAULT_CRASH_AFTER_MESSAGES: '3',
        FAULT_FAIL_TASK_ATTEMPTS: '2',
      }),
    ).toEqual({
      declineProbability: 0.25,
      errorProbability: 1,
      latencyMs: 150,
      crashAfterMessages: 3,
      failTaskAttempts: 2,
    });
  });

  test('FAULT_FAIL_TASK_ATTEMPTS takes a number of attempts or "always"', () => {
    expect(settingsFrom({ FAULT_FAIL_TASK_ATTEMPTS: 'always' }).failTaskAttempts).toBe('always');
    expect(() => settingsFrom({ FAULT_FAIL_TASK_ATTEMPTS: 'sometimes' })).toThrow(
      /FAULT_FAIL_TASK_ATTEMPTS is "sometimes": must be a whole number of attempts, 1 or more, or "always"/,
    );
    expect(() => settingsFrom({ FAULT_FAIL_TASK_ATTEMPTS: '0' })).toThrow(/FAULT_FAIL_TASK_ATTEMPTS is "0"/);
  });

  test('names every bad variable, its value and the allowed range', () => {
    const attempt = () =>
      settingsFrom({
        FAULT_DECLINE_PROBABILITY: '1.5',
        FAULT_ERROR_PROBABILITY: 'often',
        FAULT_LATENCY_MS: '700000',
        FAULT_CRASH_AFTER_MESSAGES: '0',
      });
    expect(attempt).toThrow(/FAULT_DECLINE_PROBABILITY is "1.5": must be a probability between 0 and 1/);
    expect(attempt).toThrow(/FAULT_ERROR_PROBABILITY is "often": must be a probability between 0 and 1/);
    expect(attempt).toThrow(
      /FAULT_LATENCY_MS is "700000": must be a whole number of milliseconds between 0 and 600000/,
    );
    expect(attempt).toThrow(
      /FAULT_CRASH_AFTER_MESSAGES is "0": must be a whole number of messages, 1 or more/,
    );
  });

  test('rejects a fractional message count', () => {
    expect(() => settingsFrom({ FAULT_CRASH_AFTER_MESSAGES: '2.5' })).toThrow(
      /FAULT_CRASH_AFTER_MESSAGES is "2.5": must be a whole number of messages/,
    );
  });
});
