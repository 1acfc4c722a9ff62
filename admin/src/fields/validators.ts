import { email, maxLength, maxValue, minLength, minValue, regex, required, type Validator } from 'react-admin';
import type { FieldMeta } from '../meta/types.ts';

/** The client-side mirror of the server's rules for a field, so most mistakes are caught before saving. */
export function fieldValidators(field: FieldMeta): Validator[] {
  const o = field.options;
  const validators: Validator[] = [];
  if (field.required && field.type !== 'boolean') validators.push(required());
  if (typeof o.minLength === 'number') validators.push(minLength(o.minLength));
  if (typeof o.maxLength === 'number') validators.push(maxLength(o.maxLength));
  if (typeof o.pattern === 'string' && field.type !== 'autonumber') validators.push(regex(new RegExp(o.pattern), 'kontor.validation.pattern'));
  if (field.type === 'email') validators.push(email());
  if (field.type === 'integer') {
    if (typeof o.min === 'number') validators.push(minValue(o.min));
    if (typeof o.max === 'number') validators.push(maxValue(o.max));
  }
  return validators;
}
