/** The simulated carrier every shipment is booked with. */
export const SIM_POST = 'SimPost';

export interface UnsupportedDestination {
  /** ISO 3166-1 alpha-2. */
  readonly country: string;
  readonly name: string;
}

/**
 * Where SimPost does not deliver: territories without a resident population or a regular postal service. Kept as
 * data so the list can change without touching the rule, and so `GET /carrier/destinations/unsupported` shows
 * clients exactly what the consumer applies.
 */
export const unsupportedDestinations: readonly UnsupportedDestination[] = Object.freeze([
  { country: 'AQ', name: 'Antarctica' },
  { country: 'BV', name: 'Bouvet Island' },
  { country: 'HM', name: 'Heard Island and McDonald Islands' },
  { country: 'UM', name: 'United States Minor Outlying Islands' },
]);

export type DestinationCheck =
  | { readonly supported: true }
  | { readonly supported: false; readonly code: 'UNSUPPORTED_DESTINATION'; readonly detail: string };

export function checkDestination(country: string): DestinationCheck {
  // The contract already demands upper case; normalising anyway means a lax producer cannot slip past the rule.
  const code = country.trim().toUpperCase();
  const refused = unsupportedDestinations.find((destination) => destination.country === code);
  if (!refused) return { supported: true };
  return {
    supported: false,
    code: 'UNSUPPORTED_DESTINATION',
    detail: `${SIM_POST} does not deliver to ${refused.country} (${refused.name})`,
  };
}
