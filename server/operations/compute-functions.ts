import type { Field } from '../../generators/fields/field-type.ts';
import { formatDecimal, parseDecimal } from '../../generators/fields/decimal-value.ts';
import type { Entity } from '../../generators/model/app-model.ts';
import type { OperationContext } from './operation-context.ts';

/**
 * Fills computed fields that a TypeScript function provides. A function that throws or returns something of
 * the wrong kind yields null and a log line: one bad formula must not take a whole list down.
 */
export function computeFunctions(context: OperationContext, entity: Entity, fields: Array<Field & { type: 'computed' }>, records: Record<string, unknown>[]): void {
  const code = context.code.get(entity.name);
  for (const field of fields) {
    const fn = code?.compute[field.name];
    for (const record of records) {
      let value: unknown = null;
      try {
        value = fn ? fn(Object.freeze({ ...record })) : null;
      } catch (error) {
        console.warn(`computed field ${entity.name}.${field.name} failed for record ${String(record.id)}: ${(error as Error).message}`);
      }
      record[field.name] = shape(value, field);
    }
  }
}

function shape(value: unknown, field: Field & { type: 'computed' }): unknown {
  if (value === null || value === undefined) return null;
  switch (field.returns) {
    case 'decimal': {
      const parts = parseDecimal(typeof value === 'number' ? value.toFixed(field.scale ?? 2) : value);
      return parts ? formatDecimal({ ...parts, fraction: parts.fraction.slice(0, field.scale ?? 2) }, field.scale ?? 2) : null;
    }
    case 'integer':
      return Number.isFinite(Number(value)) ? Math.trunc(Number(value)) : null;
    case 'boolean':
      return Boolean(value);
    case 'date':
      return value instanceof Date ? value.toISOString().slice(0, 10) : String(value);
    case 'datetime':
      return value instanceof Date ? value.toISOString() : String(value);
    default:
      return String(value);
  }
}
