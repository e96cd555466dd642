import type { RequestedAddress, ShippingAddress } from '@edr/contracts';
import { PostalRules } from './postal-rules.js';

export type AddressCheck =
  | { readonly ok: true; readonly address: ShippingAddress }
  | {
      readonly ok: false;
      readonly code: 'COUNTRY_UNSUPPORTED' | 'POSTAL_CODE_INVALID';
      readonly detail: string;
      /** The address as far as it was normalised, kept with the refusal. */
      readonly address: ShippingAddress;
    };

const tidy = (text: string) => text.trim().replace(/\s+/g, ' ');

/**
 * Normalises an address (spaces trimmed and collapsed, country and postal code upper-cased, the code written in its
 * national form) and checks it: a country of PostalRules, a postal code of that country's form.
 */
export function checkAddress(requested: RequestedAddress): AddressCheck {
  const country = tidy(requested.country).toUpperCase();
  const postalCode = tidy(requested.postalCode).toUpperCase();
  const address = { line1: tidy(requested.line1), city: tidy(requested.city), postalCode, country };
  const rule = PostalRules[country];
  if (!rule) {
    return {
      ok: false,
      code: 'COUNTRY_UNSUPPORTED',
      detail: `country "${country}" is not supported; supported: ${Object.keys(PostalRules).join(', ')}`,
      address,
    };
  }
  if (!rule.pattern.test(postalCode)) {
    return {
      ok: false,
      code: 'POSTAL_CODE_INVALID',
      detail: `"${postalCode}" is not a postal code of ${rule.name} (${country}); expected the form ${rule.example}`,
      address,
    };
  }
  return { ok: true, address: { ...address, postalCode: rule.format?.(postalCode) ?? postalCode } };
}
