import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fieldKinds, pluginFieldKinds } from '../../admin/src/fields/registry.ts';
import { FieldRegistry } from '../../generators/fields/registry.ts';

/** The plugins shipped with Kontor (generators/plugins/*.ts), as their default exports declare them. */
type ShippedPlugin = { default?: { name?: string; fieldTypes?: Array<{ name: string }> } };
const shipped = import.meta.glob<ShippedPlugin>(['../../generators/plugins/*.ts', '!../../generators/plugins/*.test.ts'], { eager: true });
const shippedTypes = Object.values(shipped).flatMap((module) => (module.default?.fieldTypes ?? []).map((type) => type.name)).sort();

/** The admin modules of plugin field types, as files (not as the registry's glob found them). */
const pluginDir = join(import.meta.dirname, '..', '..', 'admin', 'src', 'fields', 'plugins');
const pluginModules = readdirSync(pluginDir).filter((file) => file.endsWith('.tsx')).map((file) => file.replace(/\.tsx$/, '')).sort();

describe('the admin field registry mirrors the server field registry', () => {
  it('has a component pair for every server field type, the shipped plugins\' included, and no other', () => {
    const server = [...new FieldRegistry().names(), ...shippedTypes].sort();
    expect(Object.keys(fieldKinds).sort()).toEqual(server);
  });

  it('finds the shipped plugins and their field types (iban, weight)', () => {
    expect(shippedTypes).toEqual(expect.arrayContaining(['iban', 'weight']));
  });

  it('has a module admin/src/fields/plugins/<type>.tsx exporting fieldKind for every type of a shipped plugin, and none for another type', () => {
    expect(pluginModules, 'modules in admin/src/fields/plugins').toEqual(shippedTypes);
    expect(Object.keys(pluginFieldKinds).sort(), 'plugin modules that export fieldKind').toEqual(pluginModules);
  });

  it('gives every type a display, and an input unless the server computes the value', () => {
    for (const [name, kind] of Object.entries(fieldKinds)) {
      expect(kind.Display, name).toBeTypeOf('function');
      if (name === 'computed' || name === 'autonumber') expect(kind.Input, name).toBeNull();
      else expect(kind.Input, name).toBeTypeOf('function');
    }
  });
});
