import type { KeywordDefinition } from 'ajv';
import { autonumberType } from './autonumber.ts';
import { booleanType } from './boolean.ts';
import { childrenType } from './children.ts';
import { computedType } from './computed.ts';
import { dateType } from './date.ts';
import { datetimeType } from './datetime.ts';
import { decimalType } from './decimal.ts';
import { emailType } from './email.ts';
import { enumType } from './enum.ts';
import type { FieldType } from './field-type.ts';
import { integerType } from './integer.ts';
import { jsonType } from './json.ts';
import { manyType } from './many.ts';
import { moneyType } from './money.ts';
import { referenceType } from './reference.ts';
import { stringType } from './string.ts';
import { textType } from './text.ts';
import { urlType } from './url.ts';

export const builtinFieldTypes: readonly FieldType[] = [
  stringType,
  textType,
  integerType,
  decimalType,
  moneyType,
  booleanType,
  dateType,
  datetimeType,
  enumType,
  emailType,
  urlType,
  jsonType,
  referenceType,
  childrenType,
  manyType,
  autonumberType,
  computedType,
];

/** The field types a project can use: the built-ins plus those its plugins add. */
export class FieldRegistry {
  readonly #types = new Map<string, FieldType>();
  readonly #keywords = new Map<string, KeywordDefinition>();

  constructor(types: Iterable<FieldType> = builtinFieldTypes, keywords: Iterable<KeywordDefinition> = []) {
    for (const type of types) this.register(type);
    for (const keyword of keywords) this.addKeyword(keyword);
  }

  /** A registry with these types and keywords added (a project's plugins); this one stays as it is. */
  extend(types: Iterable<FieldType>, keywords: Iterable<KeywordDefinition> = []): FieldRegistry {
    const extended = new FieldRegistry(this.all(), this.keywords());
    for (const type of types) extended.register(type);
    for (const keyword of keywords) extended.addKeyword(keyword);
    return extended;
  }

  /** An ajv keyword that value schemas of registered types use; every ajv instance Kontor makes learns it. */
  addKeyword(keyword: KeywordDefinition): void {
    const name = String(keyword.keyword);
    if (this.#keywords.has(name)) throw new Error(`ajv keyword "${name}" is registered twice`);
    this.#keywords.set(name, keyword);
  }

  keywords(): KeywordDefinition[] {
    return [...this.#keywords.values()];
  }

  register(type: FieldType): void {
    if (this.#types.has(type.name)) throw new Error(`field type "${type.name}" is registered twice`);
    this.#types.set(type.name, type);
  }

  get(name: string): FieldType | undefined {
    return this.#types.get(name);
  }

  /** For callers holding a field of the model, whose type the registry vouched for when it was built. */
  of(field: { type: string }): FieldType {
    const type = this.#types.get(field.type);
    if (!type) throw new Error(`field type "${field.type}" is not registered`);
    return type;
  }

  names(): string[] {
    return [...this.#types.keys()];
  }

  all(): FieldType[] {
    return [...this.#types.values()];
  }
}
