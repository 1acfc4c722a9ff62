/**
 * The `iban` field type: an International Bank Account Number, checked as banks check it (length of its
 * country, ISO 13616 check digits) so a mistyped IBAN never reaches a payment run. Accepts what people paste
 * (`de89 3704 0044 0532 0130 00`), stores and answers the compact form (`DE89370400440532013000`); the admin
 * shows it in groups of four (admin/src/fields/plugins/iban.tsx).
 *
 * A worked example of a field-type plugin: the options schema, the column, the API schemas, the filter
 * operators and an ajv keyword for what JSON Schema cannot say (a checksum). Listed in config/app.yaml as
 * `plugins: [iban]`.
 */
import type { FuncKeywordDefinition } from 'ajv';
import { textCodec } from '../fields/column-codecs.ts';
import { normalizeCommon, storedOptions } from '../fields/common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from '../fields/field-type.ts';
import { textOperators } from '../fields/filter-operators.ts';
import { definePlugin } from '../model/plugin.ts';

export interface IbanDefinition extends CommonFieldDefinition {
  type: 'iban';
  /** Only IBANs of these countries (ISO 3166 codes, e.g. `[DE, AT, NL]` for a SEPA payroll); all if absent. */
  countries?: string[];
}

export interface IbanField extends CommonField {
  type: 'iban';
  countries: string[] | null;
}

declare module '../fields/field-type.ts' {
  interface FieldTypeMap {
    iban: { definition: IbanDefinition; field: IbanField };
  }
}

/** Lengths from the SWIFT IBAN registry for the countries Kontor's users trade with; others: 15 to 34. */
const LENGTHS: Readonly<Record<string, number>> = {
  AD: 24, AE: 23, AT: 20, BE: 16, BG: 22, CH: 21, CY: 28, CZ: 24, DE: 22, DK: 18, EE: 20, ES: 24, FI: 18, FO: 18,
  FR: 27, GB: 22, GI: 23, GL: 18, GR: 27, HR: 21, HU: 28, IE: 22, IS: 26, IT: 27, LI: 21, LT: 20, LU: 20, LV: 21,
  MC: 27, MT: 31, NL: 18, NO: 15, PL: 28, PT: 25, RO: 24, SE: 24, SI: 19, SK: 24, SM: 27, TR: 26, UA: 29, VA: 22,
};

/** What people type or paste, in the one form that is stored: no spaces, upper case. */
export function compactIban(value: string): string {
  return value.replace(/\s+/g, '').toUpperCase();
}

/** Why a compact IBAN is not valid, or null. */
export function ibanProblem(iban: string, countries: readonly string[] | null = null): string | null {
  if (!/^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$/.test(iban)) return 'an IBAN is two letters, two check digits and 11 to 30 letters or digits';
  const country = iban.slice(0, 2);
  if (countries && !countries.includes(country)) return `is an IBAN of ${country}; only ${countries.join(', ')} are accepted here`;
  const length = LENGTHS[country];
  if (length !== undefined && iban.length !== length) return `${country} IBANs have ${length} characters, this one has ${iban.length}`;
  if (mod97(iban.slice(4) + iban.slice(0, 4)) !== 1) return 'the check digits do not match (a typing error?)';
  return null;
}

/** ISO 7064 MOD 97-10 over letters as 10..35, in chunks so no digit passes through a float. */
function mod97(text: string): number {
  let remainder = 0;
  for (const char of text) {
    const digits = /[A-Z]/.test(char) ? String(char.charCodeAt(0) - 55) : char;
    for (const digit of digits) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder;
}

const KEYWORD = 'x-iban';

/** Length and check digits, on the compact form of whatever was sent (the pattern has let spaces through). */
const ibanKeyword: FuncKeywordDefinition = {
  keyword: KEYWORD,
  schemaType: 'object',
  errors: true,
  validate: function iban(rules: { countries?: string[] }, value: unknown) {
    if (typeof value !== 'string') return true;
    const problem = ibanProblem(compactIban(value), rules.countries ?? null);
    if (problem) (iban as { errors?: unknown[] }).errors = [{ keyword: KEYWORD, message: `is not a valid IBAN: ${problem}`, params: rules }];
    return problem === null;
  },
};

export const ibanType = defineFieldType<IbanDefinition, IbanField>({
  name: 'iban',
  summary: 'An IBAN: checked for its country\'s length and its check digits, stored compact, shown in groups of four.',
  options: { ...storedOptions, countries: { type: 'array', items: { type: 'string', pattern: '^[A-Z]{2}$' }, minItems: 1, uniqueItems: true } },
  storage: 'column',
  codec: () => ({ ...textCodec(34), canonical: (value) => (typeof value === 'string' ? compactIban(value) : value) }),
  filterOperators: () => textOperators,
  sortable: () => true,
  searchable: true,
  numeric: false,
  example: { iban: { type: 'iban', countries: ['DE', 'AT', 'NL'], label: { en: 'IBAN', de: 'IBAN' } } },
  normalize: (definition, name) => ({ ...normalizeCommon(definition, name), type: 'iban', countries: definition.countries ?? null }),
  outputSchema: () => ({ type: 'string', description: 'Compact, upper case: DE89370400440532013000' }),
  filterSchema: () => ({ type: 'string' }),
  valueSchema: (field) => ({
    type: 'string',
    description: 'Spaces and lower case are accepted and removed (DE89 3704 0044 0532 0130 00)',
    pattern: '^\\s*[A-Za-z]{2}[0-9]{2}[A-Za-z0-9 ]{11,45}$',
    [KEYWORD]: field.countries ? { countries: field.countries } : {},
  }),
});

export default definePlugin({ name: 'iban', fieldTypes: [ibanType], keywords: [ibanKeyword] });
