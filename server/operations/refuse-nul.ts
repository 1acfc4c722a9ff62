import { httpError } from '../errors/http-errors.ts';

/**
 * PostgreSQL cannot store the NUL character in text or jsonb, and no business value contains one: refuse it
 * up front, naming the field, on both engines alike.
 */
export function refuseNulCharacters(body: unknown): void {
  const errors: Record<string, string> = {};
  visit(body, '', errors);
  if (Object.keys(errors).length > 0) {
    throw httpError('KONTOR_HTTP_VALIDATION', Object.keys(errors).map((k) => `${k} contains a NUL character`).join('; '), errors);
  }
}

function visit(value: unknown, path: string, errors: Record<string, string>): void {
  if (typeof value === 'string') {
    if (value.includes('\u0000')) errors[path === '' ? '_' : path] = 'must not contain the NUL character (\\u0000)';
  } else if (Array.isArray(value)) {
    value.forEach((item, index) => visit(item, path === '' ? String(index) : `${path}.${index}`, errors));
  } else if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (key.includes('\u0000')) errors[path === '' ? '_' : path] = 'must not contain the NUL character (\\u0000)';
      visit(item, path === '' ? key : `${path}.${key.replace(/\u0000/g, '')}`, errors);
    }
  }
}
