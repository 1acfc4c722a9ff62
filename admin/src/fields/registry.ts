import { autonumberField } from './autonumber.tsx';
import { booleanField } from './boolean.tsx';
import { childrenField } from './children.tsx';
import { computedField } from './computed.tsx';
import { dateField } from './date.tsx';
import { datetimeField } from './datetime.tsx';
import { decimalField } from './decimal.tsx';
import { emailField } from './email.tsx';
import { enumField } from './enum.tsx';
import type { FieldKind } from './FieldKind.ts';
import { integerField } from './integer.tsx';
import { jsonField } from './json.tsx';
import { manyField } from './many.tsx';
import { moneyField } from './money.tsx';
import { referenceField } from './reference.tsx';
import { stringField } from './string.tsx';
import { textField } from './text.tsx';
import { urlField } from './url.tsx';

/**
 * The admin side of the field types plugins add: Vite bundles every `plugins/<type name>.tsx`, each
 * exporting `fieldKind`. A plugin names its type as the server's registry does; it cannot replace a
 * built-in type (the server refuses a plugin type named like one).
 */
const pluginModules = import.meta.glob<{ fieldKind?: FieldKind }>('./plugins/*.tsx', { eager: true });

export const pluginFieldKinds: Record<string, FieldKind> = Object.fromEntries(
  Object.entries(pluginModules)
    .filter(([, module]) => module.fieldKind !== undefined)
    .map(([path, module]) => [path.replace(/^.*\//, '').replace(/\.tsx$/, ''), module.fieldKind as FieldKind]),
);

/**
 * The admin side of the field-type registry: one entry per server field type (generators/fields and the
 * shipped plugins' types), same keys (test/unit/admin-field-registry.test.ts checks it). A type the server
 * knows and this map does not is shown as text rather than breaking the screen.
 */
export const fieldKinds: Record<string, FieldKind> = {
  ...pluginFieldKinds,
  string: stringField,
  text: textField,
  integer: integerField,
  decimal: decimalField,
  money: moneyField,
  boolean: booleanField,
  date: dateField,
  datetime: datetimeField,
  enum: enumField,
  email: emailField,
  url: urlField,
  json: jsonField,
  reference: referenceField,
  children: childrenField,
  many: manyField,
  autonumber: autonumberField,
  computed: computedField,
};

export function fieldKind(type: string): FieldKind {
  return fieldKinds[type] ?? stringField;
}
