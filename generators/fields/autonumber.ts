import { normalizeCommon, textOptions } from './common-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { textCodec } from './column-codecs.ts';
import { textOperators } from './filter-operators.ts';

export interface AutonumberDefinition extends Pick<CommonFieldDefinition, 'label' | 'help' | 'index'> {
  type: 'autonumber';
  /**
   * Text with placeholders: `{YYYY}` or `{YY}` the year, `{MM}` the month, and one run of zeros such as
   * `{0000}` for the sequence, zero-padded to that width. `K-{YYYY}-{0000}` gives K-2026-0001, K-2026-0002...
   * The sequence restarts each year (or month) when the pattern contains one.
   */
  pattern: string;
}

export type AutonumberReset = 'never' | 'yearly' | 'monthly';

export interface AutonumberField extends CommonField {
  type: 'autonumber';
  pattern: string;
  digits: number;
  reset: AutonumberReset;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    autonumber: { definition: AutonumberDefinition; field: AutonumberField };
  }
}

const placeholder = /\{([^{}]*)\}/g;

/** The sequence width and reset period of a pattern, or why the pattern cannot work. */
export function parseAutonumberPattern(pattern: string): { digits: number; reset: AutonumberReset } | { error: string } {
  let digits = 0;
  let sequences = 0;
  let year = false;
  let month = false;
  for (const [, token = ''] of pattern.matchAll(placeholder)) {
    if (/^0{1,12}$/.test(token)) {
      sequences += 1;
      digits = token.length;
    } else if (token === 'YYYY' || token === 'YY') year = true;
    else if (token === 'MM') month = true;
    else return { error: `unknown placeholder "{${token}}" (use {YYYY}, {YY}, {MM} and one {000...})` };
  }
  if (/[{}]/.test(pattern.replace(placeholder, ''))) return { error: 'has an unmatched { or }' };
  if (sequences !== 1) return { error: `needs exactly one sequence placeholder such as {0000}, found ${sequences}` };
  if (month && !year) return { error: '{MM} without {YYYY} or {YY} would repeat numbers every year' };
  return { digits, reset: month ? 'monthly' : year ? 'yearly' : 'never' };
}

export const autonumberType = defineFieldType<AutonumberDefinition, AutonumberField>({
  name: 'autonumber',
  summary: 'A number the server assigns on create from a pattern such as `K-{YYYY}-{0000}`; unique and read-only.',
  options: { ...textOptions, index: { type: 'boolean' }, pattern: { type: 'string', minLength: 3 } },
  requiredOptions: ['pattern'],
  storage: 'column',
  codec: () => textCodec(64),
  filterOperators: () => textOperators,
  sortable: () => true,
  searchable: true,
  numeric: false,
  example: { number: { type: 'autonumber', pattern: 'K-{YYYY}-{0000}', label: { en: 'Contract no.', de: 'Kontrakt-Nr.' } } },
  normalize(definition, name) {
    const parsed = parseAutonumberPattern(definition.pattern);
    return {
      ...normalizeCommon(definition, name),
      type: 'autonumber',
      unique: true,
      readonly: true,
      pattern: definition.pattern,
      digits: 'error' in parsed ? 0 : parsed.digits,
      reset: 'error' in parsed ? 'never' : parsed.reset,
    };
  },
  link(field, context) {
    const parsed = parseAutonumberPattern(field.pattern);
    if ('error' in parsed) {
      context.report('KONTOR_CFG_INVALID_PATTERN', `field "${field.name}": pattern "${field.pattern}" ${parsed.error}`, { at: ['pattern'] });
    }
    return field;
  },
  outputSchema: () => ({ type: 'string' }),
  valueSchema: () => null,
});
