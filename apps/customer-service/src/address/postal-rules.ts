/**
 * The countries the address part accepts and the form of their postal codes. `pattern` is checked on the code after
 * upper-casing and collapsing spaces; `format` writes it the way the national post does (e.g. "1234 AB", "SW1A 1AA").
 */
export interface PostalRule {
  readonly name: string;
  readonly pattern: RegExp;
  readonly example: string;
  readonly format?: (code: string) => string;
}

const spaceBeforeLast = (count: number) => (code: string) => {
  const compact = code.replace(/ /g, '');
  return `${compact.slice(0, -count)} ${compact.slice(-count)}`;
};

export const PostalRules: Readonly<Record<string, PostalRule>> = {
  DE: { name: 'Germany', pattern: /^\d{5}$/, example: '10115' },
  FR: { name: 'France', pattern: /^\d{5}$/, example: '75001' },
  NL: { name: 'Netherlands', pattern: /^\d{4} ?[A-Z]{2}$/, example: '1012 AB', format: spaceBeforeLast(2) },
  GB: {
    name: 'United Kingdom',
    pattern: /^[A-Z]{1,2}\d[A-Z\d]? ?\d[A-Z]{2}$/,
    example: 'SW1A 1AA',
    format: spaceBeforeLast(3),
  },
  US: { name: 'United States', pattern: /^\d{5}(-\d{4})?$/, example: '10001 or 10001-1234' },
  AT: { name: 'Austria', pattern: /^\d{4}$/, example: '1010' },
  BE: { name: 'Belgium', pattern: /^\d{4}$/, example: '1000' },
  CH: { name: 'Switzerland', pattern: /^\d{4}$/, example: '8001' },
  DK: { name: 'Denmark', pattern: /^\d{4}$/, example: '1050' },
  ES: { name: 'Spain', pattern: /^\d{5}$/, example: '28001' },
  IT: { name: 'Italy', pattern: /^\d{5}$/, example: '00118' },
  PL: { name: 'Poland', pattern: /^\d{2}-\d{3}$/, example: '00-001' },
  SE: { name: 'Sweden', pattern: /^\d{3} ?\d{2}$/, example: '111 22', format: spaceBeforeLast(2) },
  CA: {
    name: 'Canada',
    pattern: /^[A-Z]\d[A-Z] ?\d[A-Z]\d$/,
    example: 'K1A 0B1',
    format: spaceBeforeLast(3),
  },
};
