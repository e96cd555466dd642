import { describe, expect, test } from '@jest/globals';
import { normaliseEmail } from './normalise-email.js';

describe('normaliseEmail', () => {
  test('trims and lower-cases, so case and stray spaces do not make a second customer', () => {
    expect(normaliseEmail('  Ada.Lovelace@Example.COM ')).toBe('ada.lovelace@example.com');
  });
});
