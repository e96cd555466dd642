import { describe, expect, test } from '@jest/globals';
import { SIM_POST, checkDestination, unsupportedDestinations } from './carrier-rules.js';

describe('SimPost destination rules', () => {
  test('lists exactly the documented unsupported destinations', () => {
    expect(unsupportedDestinations.map((d) => d.country)).toEqual(['AQ', 'BV', 'HM', 'UM']);
    expect(Object.isFrozen(unsupportedDestinations)).toBe(true);
  });

  test.each([
    ['AQ', 'Antarctica'],
    ['BV', 'Bouvet Island'],
    ['HM', 'Heard Island and McDonald Islands'],
    ['UM', 'United States Minor Outlying Islands'],
  ])('refuses %s with UNSUPPORTED_DESTINATION and names the country', (country, name) => {
    expect(checkDestination(country)).toEqual({
      supported: false,
      code: 'UNSUPPORTED_DESTINATION',
      detail: `${SIM_POST} does not deliver to ${country} (${name})`,
    });
  });

  test.each(['DE', 'US', 'NL', 'AU', 'NO'])('accepts %s', (country) => {
    expect(checkDestination(country)).toEqual({ supported: true });
  });

  test('is not fooled by case or padding', () => {
    expect(checkDestination(' aq ')).toMatchObject({ supported: false, code: 'UNSUPPORTED_DESTINATION' });
  });
});
