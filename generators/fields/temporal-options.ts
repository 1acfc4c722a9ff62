import type { JsonSchema } from '../core/json-schema.ts';
import { compact } from './common-options.ts';
import type { FieldLinkContext } from './field-type.ts';

/**
 * Date and datetime share their limits and the one default that cannot be written as a literal: the moment
 * of creation (`today` for a date, `now` for a datetime).
 */
export interface TemporalRules {
  name: string;
  min: string | null;
  max: string | null;
}

export function temporalOptions(format: 'date' | 'date-time', token: string): Record<string, JsonSchema> {
  const literal = { type: 'string', format };
  return { min: literal, max: literal, default: { anyOf: [literal, { const: token }], description: `${format === 'date' ? 'a date (2026-03-31)' : 'a timestamp (2026-03-31T14:05:00Z)'} or ${token}` } };
}

export function linkTemporalRules(field: TemporalRules, context: FieldLinkContext): void {
  if (field.min !== null && field.max !== null && Date.parse(field.min) > Date.parse(field.max)) {
    context.report('KONTOR_CFG_INVALID_RANGE', `field "${field.name}": min ${field.min} is after max ${field.max}`, { at: ['min'] });
  }
}

export function temporalValueSchema(field: TemporalRules, format: 'date' | 'date-time'): JsonSchema {
  return compact({ type: 'string', format, formatMinimum: field.min ?? undefined, formatMaximum: field.max ?? undefined });
}
