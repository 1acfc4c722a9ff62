import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { checkDecimal } from '../fields/decimal-value.ts';
import type { FieldRegistry } from '../fields/registry.ts';

const addFormats = addFormatsModule as unknown as typeof addFormatsModule.default;

/**
 * The ajv setup shared by the definition validator and the generated API schemas: every error (not just the
 * first), formats with date limits, and the keywords Kontor's schemas use beyond JSON Schema.
 */
export function createAjv(options: { verbose?: boolean; registry?: FieldRegistry } = {}): Ajv {
  const ajv = new Ajv({ allErrors: true, strict: true, verbose: options.verbose ?? false, allowUnionTypes: true });
  addFormats(ajv, { keywords: true });
  return addKontorKeywords(ajv, options.registry);
}

/**
 * Registers Kontor's own keywords on any ajv instance (also Fastify's, as an ajv plugin): exact decimals,
 * TypeScript functions in definitions, regular expressions and embedded JSON Schemas that must compile;
 * and those the registry's plugin field types bring (an IBAN's checksum).
 */
export function addKontorKeywords(ajv: Ajv, registry?: FieldRegistry): Ajv {
  for (const keyword of registry?.keywords() ?? []) if (!ajv.getKeyword(String(keyword.keyword))) ajv.addKeyword(keyword);
  if (ajv.getKeyword('x-kontor-decimal')) return ajv;
  ajv.addKeyword({
    keyword: 'x-kontor-decimal',
    schemaType: 'object',
    errors: true,
    validate: function decimal(rules: { precision: number; scale: number; min?: string; max?: string }, value: unknown) {
      // Whether null is allowed is the `type` keyword's business (an optional field's schema lists "null").
      if (value === null) return true;
      const problem = checkDecimal(value, rules);
      if (problem) setErrors(decimal, [{ keyword: 'x-kontor-decimal', message: problem, params: rules }]);
      return problem === null;
    },
  });
  ajv.addKeyword({
    keyword: 'x-kontor-function',
    schemaType: 'boolean',
    errors: true,
    validate: function isFunction(_: boolean, value: unknown) {
      const ok = typeof value === 'function';
      if (!ok) setErrors(isFunction, [{ keyword: 'x-kontor-function', message: 'must be a TypeScript function (only a .ts definition can hold code)', params: {} }]);
      return ok;
    },
  });
  ajv.addKeyword({
    keyword: 'x-kontor-regex',
    schemaType: 'boolean',
    errors: true,
    validate: function isRegex(_: boolean, value: unknown) {
      const problem = typeof value === 'string' ? regexProblem(value) : null;
      if (problem) setErrors(isRegex, [{ keyword: 'x-kontor-regex', message: `is not a valid regular expression: ${problem}`, params: {} }]);
      return problem === null;
    },
  });
  ajv.addKeyword({
    keyword: 'x-kontor-json-schema',
    schemaType: 'boolean',
    errors: true,
    validate: function isSchema(_: boolean, value: unknown) {
      const problem = schemaProblem(value);
      if (problem) setErrors(isSchema, [{ keyword: 'x-kontor-json-schema', message: `is not a usable JSON Schema: ${problem}`, params: {} }]);
      return problem === null;
    },
  });
  return ajv;
}

type Reported = Pick<ErrorObject, 'keyword' | 'message' | 'params'>;

function setErrors(validate: unknown, errors: Reported[]): void {
  (validate as { errors?: Reported[] }).errors = errors;
}

function regexProblem(pattern: string): string | null {
  try {
    new RegExp(pattern, 'u');
    return null;
  } catch (error) {
    return (error as Error).message.replace(/^Invalid regular expression: /, '');
  }
}

let schemaChecker: Ajv | undefined;

function schemaProblem(schema: unknown): string | null {
  schemaChecker ??= new Ajv({ strict: false });
  try {
    schemaChecker.compile(schema as object);
    return null;
  } catch (error) {
    return (error as Error).message;
  }
}
