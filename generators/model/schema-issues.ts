import type { ErrorObject } from 'ajv';
import type { ConfigErrorCode } from '../core/config-error-codes.ts';
import type { SourcePath } from '../core/config-issue.ts';
import { suggest, toSnakeCase } from '../core/suggest.ts';
import { NAME_PATTERN } from './definition-schemas.ts';
import type { ConfigIssueDraft } from './issue-draft.ts';

export interface SchemaIssueContext {
  /** Prepended to every path (where the validated value sits in its file). */
  base: SourcePath;
  /** Says what the value is in a message, e.g. `field "amount"`; null for a whole file. */
  subject: string | null;
  /** The code for an unknown property: UNKNOWN_OPTION for field options, UNKNOWN_KEY elsewhere. */
  unknownCode: ConfigErrorCode;
}

/**
 * Turns ajv's errors (validated with `allErrors` and `verbose`) into drafts a person can act on: one per
 * problem, placed on the offending node or key, with a suggestion for misspelled names.
 */
export function schemaIssues(errors: readonly ErrorObject[], context: SchemaIssueContext): ConfigIssueDraft[] {
  const kept = prune(errors);
  // `Entity: customer` is one slip, not two: the unknown key that suggests a missing one explains it.
  const explained = new Set(
    kept
      .filter((e) => e.keyword === 'additionalProperties')
      .map((e) => {
        const known = Object.keys((e.parentSchema as { properties?: object } | undefined)?.properties ?? {});
        return `${e.instancePath}/${suggest(String(e.params.additionalProperty), known) ?? ''}`;
      }),
  );
  return kept.filter((e) => !(e.keyword === 'required' && explained.has(`${e.instancePath}/${String(e.params.missingProperty)}`))).map((error) => toDraft(error, context));
}

/**
 * For an `anyOf`, ajv reports every branch's failure. When the value has the type of exactly one branch,
 * that branch's errors are what the writer needs; otherwise the one summary line.
 */
function prune(errors: readonly ErrorObject[]): ErrorObject[] {
  let kept = [...errors];
  for (const alternative of errors.filter((e) => e.keyword === 'anyOf' || e.keyword === 'oneOf')) {
    const branchPrefix = `${alternative.schemaPath}/`;
    const inside = (e: ErrorObject) => e.schemaPath.startsWith(branchPrefix) && e.instancePath.startsWith(alternative.instancePath);
    const branches = new Map<string, ErrorObject[]>();
    for (const error of kept.filter(inside)) {
      const branch = error.schemaPath.slice(branchPrefix.length).split('/')[0] ?? '';
      branches.set(branch, [...(branches.get(branch) ?? []), error]);
    }
    const typeMatched = [...branches.values()].filter(
      (branchErrors) => !branchErrors.some((e) => e.keyword === 'type' && e.instancePath === alternative.instancePath),
    );
    const keep = typeMatched.length === 1 ? new Set(typeMatched[0]) : new Set<ErrorObject>([alternative]);
    kept = kept.filter((e) => (!inside(e) && e !== alternative) || keep.has(e));
  }
  return kept;
}

function toDraft(error: ErrorObject, context: SchemaIssueContext): ConfigIssueDraft {
  const path = [...context.base, ...pointerToPath(error.instancePath)];
  const where = describe(pointerToPath(error.instancePath), context.subject);
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'additionalProperties': {
      const property = String(params.additionalProperty);
      const known = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      const what = context.unknownCode === 'KONTOR_CFG_UNKNOWN_OPTION' && error.instancePath === '' ? 'option' : 'key';
      return {
        code: error.instancePath === '' ? context.unknownCode : 'KONTOR_CFG_UNKNOWN_KEY',
        message: `${where}: unknown ${what} "${property}"${known.length > 0 ? ` (allowed: ${known.join(', ')})` : ''}`,
        path: [...path, property],
        key: true,
        suggestion: suggest(property, known) ?? lengthOption(property, known),
      };
    }
    case 'propertyNames':
      return { code: 'KONTOR_CFG_UNKNOWN_KEY', message: `${where}: unknown key "${String(params.propertyName)}"`, path: [...path, String(params.propertyName)], key: true };
    case 'required': {
      const missing = String(params.missingProperty);
      const hint = ((error.parentSchema as { properties?: Record<string, { description?: string }> } | undefined)?.properties?.[missing])?.description;
      // At the key of the incomplete map (`customer:`), not at whatever it happens to hold first.
      return { code: 'KONTOR_CFG_MISSING_KEY', message: `${where}: missing "${missing}"${hint ? ` (${hint})` : ''}`, path, key: path.length > 0 };
    }
    case 'type':
      return { code: 'KONTOR_CFG_WRONG_TYPE', message: `${where} must be ${article(String(params.type))}, not ${kindOf(error.data)}`, path };
    case 'x-kontor-function':
      return { code: 'KONTOR_CFG_WRONG_TYPE', message: `${where} ${error.message ?? ''}`, path };
    case 'x-kontor-regex':
      return { code: 'KONTOR_CFG_INVALID_PATTERN', message: `${where} ${error.message ?? ''}`, path };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map(String);
      return {
        code: 'KONTOR_CFG_INVALID_VALUE',
        message: `${where}: "${String(error.data)}" is not one of ${allowed.join(', ')}`,
        path,
        suggestion: typeof error.data === 'string' ? suggest(error.data, allowed) : undefined,
      };
    }
    case 'pattern': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      // Names (snake_case) get a snake_case suggestion; other described patterns (a duration) say their form.
      if (params.pattern === NAME_PATTERN || description?.includes('snake_case')) {
        const what = description ?? 'snake_case (lowercase letters, digits, _)';
        return { code: 'KONTOR_CFG_INVALID_NAME', message: `${where}: "${String(error.data)}" must be ${what}`, path, suggestion: snakeSuggestion(String(error.data)) };
      }
      if (description) return { code: 'KONTOR_CFG_INVALID_VALUE', message: `${where}: "${String(error.data)}" must be ${description}`, path };
      return { code: 'KONTOR_CFG_INVALID_VALUE', message: `${where}: "${String(error.data)}" does not match ${String(params.pattern)}`, path };
    }
    case 'anyOf':
    case 'oneOf': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return { code: 'KONTOR_CFG_WRONG_TYPE', message: `${where} must be ${description ?? 'one of the allowed forms'}, not ${kindOf(error.data)}`, path };
    }
    default:
      return { code: 'KONTOR_CFG_INVALID_VALUE', message: `${where} ${error.message ?? 'is not allowed'}`, path };
  }
}

/** `min` on text means `minLength`: a common slip between number and text options. */
function lengthOption(property: string, known: string[]): string | undefined {
  return (property === 'min' || property === 'max') && known.includes(`${property}Length`) ? `${property}Length` : undefined;
}

export function snakeSuggestion(name: string): string | undefined {
  const snake = toSnakeCase(name);
  return snake !== '' && snake !== name ? snake : undefined;
}

/** `/fields/amount/0` → ['fields', 'amount', 0] (array indexes as numbers, as the locators expect). */
export function pointerToPath(pointer: string): Array<string | number> {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((part) => part.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

function describe(path: Array<string | number>, subject: string | null): string {
  const inner = path.map((step) => (typeof step === 'number' ? `[${step}]` : step)).join('.').replace(/\.\[/g, '[');
  if (subject === null) return inner === '' ? 'file' : `"${inner}"`;
  return inner === '' ? subject : `${subject}: "${inner}"`;
}

function article(type: string): string {
  const names: Record<string, string> = { object: 'a map (key: value)', array: 'a list', string: 'a text', integer: 'a whole number', number: 'a number', boolean: 'true or false' };
  return type.split(',').map((t) => names[t] ?? t).join(' or ');
}

function kindOf(value: unknown): string {
  if (value === null) return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a map';
  if (typeof value === 'string') return `the text "${value}"`;
  return `${typeof value} ${String(value)}`;
}
