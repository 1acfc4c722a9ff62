import { describe, expect, it } from 'vitest';
import { defineEntity } from '../../generators/model/entity-definition.ts';

/**
 * `npm test` runs tsc before vitest: each `@ts-expect-error` below fails the type check if the mistake it
 * marks ever stops being a compile error.
 */
describe('defineEntity types', () => {
  it('refuses misspelled options, wrong values and options of another type at compile time', () => {
    const mistakes = [
      // @ts-expect-error a misspelled common option
      defineEntity({ entity: 'a', fields: { name: { type: 'string', requried: true } } }),
      // @ts-expect-error an option of another type (min belongs to numbers and dates)
      defineEntity({ entity: 'b', fields: { name: { type: 'string', min: 1 } } }),
      // @ts-expect-error an unknown field type
      defineEntity({ entity: 'c', fields: { amount: { type: 'decimel' } } }),
      // @ts-expect-error a wrong option value
      defineEntity({ entity: 'd', fields: { partner: { type: 'reference', to: 'partner', onDelete: 'nullify' } } }),
      // @ts-expect-error a misspelled entity option
      defineEntity({ entity: 'e', fields: { name: 'string' }, serach: ['name'] }),
    ];
    expect(mistakes).toHaveLength(5);
  });

  it('accepts every form a definition may take', () => {
    const entity = defineEntity({
      entity: 'sample',
      fields: {
        name: 'string',
        weight: { type: 'decimal', scale: 3, min: '0.001' },
        kind: { type: 'enum', values: ['a', { value: 'b', label: { de: 'Bee' } }] },
        total: { type: 'computed', compute: (record) => String(record.weight), returns: 'string' },
      },
      sort: { field: 'name' },
      hooks: { beforeCreate: (record) => { record.name = String(record.name).trim(); } },
    });
    expect(entity.entity).toBe('sample');
  });
});
