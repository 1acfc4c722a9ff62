import { describe, expect, it } from 'vitest';
import { fieldKinds } from '../../admin/src/fields/registry.ts';
import { FieldRegistry } from '../../generators/fields/registry.ts';

describe('the admin field registry mirrors the server field registry', () => {
  it('has a component pair for every server field type, and no other', () => {
    const server = new FieldRegistry().names().sort();
    expect(Object.keys(fieldKinds).sort()).toEqual(server);
  });

  it('gives every type a display, and an input unless the server computes the value', () => {
    for (const [name, kind] of Object.entries(fieldKinds)) {
      expect(kind.Display, name).toBeTypeOf('function');
      if (name === 'computed' || name === 'autonumber') expect(kind.Input, name).toBeNull();
      else expect(kind.Input, name).toBeTypeOf('function');
    }
  });
});
