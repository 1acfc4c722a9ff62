import { suggest } from '../core/suggest.ts';
import { normalizeCommon, storedOptions } from './common-options.ts';
import { checkDecimalLiterals, decimalFilterSchema, decimalLiteral, decimalOptions, decimalOutputSchema, decimalValueSchema, linkDecimalRules, type DecimalLiteral } from './decimal-options.ts';
import { defineFieldType, type CommonField, type CommonFieldDefinition } from './field-type.ts';
import { decimalCodec } from './column-codecs.ts';
import { orderedOperators } from './filter-operators.ts';

export interface MoneyDefinition extends CommonFieldDefinition {
  type: 'money';
  /**
   * The currency: an ISO 4217 code (`EUR`, the default) when it is fixed, or the name of a field of the same
   * entity that holds the code (e.g. `currency`, an enum) when each record has its own.
   */
  currency?: string;
  precision?: number;
  scale?: number;
  min?: DecimalLiteral;
  max?: DecimalLiteral;
  default?: DecimalLiteral;
}

export interface MoneyField extends CommonField {
  type: 'money';
  precision: number;
  scale: number;
  min: string | null;
  max: string | null;
  /** The fixed currency, or null when `currencyField` holds it per record. */
  currency: string | null;
  currencyField: string | null;
}

declare module './field-type.ts' {
  interface FieldTypeMap {
    money: { definition: MoneyDefinition; field: MoneyField };
  }
}

const isoCode = /^[A-Z]{3}$/;

export const moneyType = defineFieldType<MoneyDefinition, MoneyField>({
  name: 'money',
  summary: 'An exact amount of money in a fixed currency or in the currency another field of the record names.',
  options: { ...storedOptions, ...decimalOptions, currency: { type: 'string', pattern: '^([A-Z]{3}|[a-z][a-z0-9_]*)$' } },
  storage: 'column',
  codec: (field) => decimalCodec(field.precision, field.scale),
  filterOperators: () => orderedOperators,
  sortable: () => true,
  searchable: false,
  numeric: true,
  example: { price: { type: 'money', currency: 'currency', min: 0, help: { en: 'Per tonne', de: 'Je Tonne' } } },
  checkDefinition: checkDecimalLiterals,
  normalize(definition, name) {
    const currency = definition.currency ?? 'EUR';
    const fixed = isoCode.test(currency);
    return {
      ...normalizeCommon(definition, name),
      type: 'money',
      default: decimalLiteral(definition.default),
      precision: definition.precision ?? 18,
      scale: definition.scale ?? 2,
      min: decimalLiteral(definition.min),
      max: decimalLiteral(definition.max),
      currency: fixed ? currency : null,
      currencyField: fixed ? null : currency,
    };
  },
  link(field, context) {
    linkDecimalRules(field, context);
    if (field.currencyField !== null) {
      const holder = context.entity.fields.find((f) => f.name === field.currencyField);
      if (!holder) {
        const names = context.entity.fields.filter((f) => f.type === 'enum' || f.type === 'string').map((f) => f.name);
        context.report('KONTOR_CFG_UNKNOWN_FIELD', `field "${field.name}": currency field "${field.currencyField}" does not exist (write an ISO code such as EUR for a fixed currency)`, { at: ['currency'], suggestion: suggest(field.currencyField, names) });
      } else if (holder.type !== 'enum' && holder.type !== 'string') {
        context.report('KONTOR_CFG_INVALID_VALUE', `field "${field.name}": currency field "${holder.name}" must be an enum or string field, not ${holder.type}`, { at: ['currency'] });
      }
    }
    return field;
  },
  outputSchema: decimalOutputSchema,
  filterSchema: decimalFilterSchema,
  valueSchema: decimalValueSchema,
});

