import type { Dialect } from '../fields/column-codecs.ts';

/** Quotes an identifier the same way on both engines (names are snake_case, so no escaping is needed). */
export const quote = (name: string): string => `"${name}"`;

export const column = (alias: string, name: string): string => `${alias}.${quote(name)}`;

/**
 * Case-insensitive "contains". PostgreSQL's ILIKE handles every letter; SQLite's LIKE folds ASCII only, so a
 * term with umlauts or other non-ASCII letters goes through `kontor_lower`, a function the SQLite reader
 * registers. ASCII terms keep the plain LIKE, which needs no call per row.
 */
export function containsSql(expression: string, term: string, dialect: Dialect): { sql: string; param: string } {
  const pattern = `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  if (dialect === 'postgresql') return { sql: `${expression} ILIKE ? ESCAPE '\\'`, param: pattern };
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(term)) return { sql: `${expression} LIKE ? ESCAPE '\\'`, param: pattern };
  return { sql: `kontor_lower(${expression}) LIKE ? ESCAPE '\\'`, param: pattern.toLowerCase() };
}

