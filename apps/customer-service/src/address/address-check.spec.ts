import { describe, expect, test } from '@jest/globals';
import { checkAddress } from './address-check.js';

const address = (country: string, postalCode: string) => ({
  line1: '  1   Main St ',
  city: ' Somewhere ',
  postalCode,
  country,
});

describe('checkAddress', () => {
  test('normalises spaces, upper-cases the country, keeps a valid code', () => {
    expect(checkAddress(address(' de', '10115'))).toEqual({
      ok: true,
      address: { line1: '1 Main St', city: 'Somewhere', postalCode: '10115', country: 'DE' },
    });
  });

  test.each([
    ['DE', '10115', '10115'],
    ['FR', '75001', '75001'],
    ['NL', '1012ab', '1012 AB'],
    ['NL', '1012 AB', '1012 AB'],
    ['GB', 'sw1a1aa', 'SW1A 1AA'],
    ['GB', 'M1 1AE', 'M1 1AE'],
    ['US', '10001', '10001'],
    ['US', '10001-1234', '10001-1234'],
    ['SE', '11122', '111 22'],
    ['CA', 'k1a0b1', 'K1A 0B1'],
    ['PL', '00-001', '00-001'],
  ])('%s %s is accepted as %s', (country, code, normalised) => {
    const check = checkAddress(address(country, code));
    expect(check).toMatchObject({ ok: true, address: { country, postalCode: normalised } });
  });

  test.each([
    ['DE', '1011'],
    ['FR', '7500A'],
    ['NL', '1012'],
    ['GB', '12345'],
    ['US', '1000'],
  ])('%s %s is refused with POSTAL_CODE_INVALID, naming the expected form', (country, code) => {
    const check = checkAddress(address(country, code));
    expect(check).toMatchObject({ ok: false, code: 'POSTAL_CODE_INVALID' });
    expect(!check.ok && check.detail).toContain('expected the form');
  });

  test('an unsupported country is refused with COUNTRY_UNSUPPORTED, listing the supported ones', () => {
    const check = checkAddress(address('aq', '12345'));
    expect(check).toMatchObject({ ok: false, code: 'COUNTRY_UNSUPPORTED', address: { country: 'AQ' } });
    expect(!check.ok && check.detail).toContain('DE, FR, NL, GB, US');
  });
});
