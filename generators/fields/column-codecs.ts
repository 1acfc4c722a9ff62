import { formatDecimal, parseDecimal } from './decimal-value.ts';

export type Dialect = 'sqlite' | 'postgresql';

/**
 * How one kind of value is stored in a column and read back, per database. The wire format (what the API
 * sends and receives) is the same on both engines; only the storage differs.
 */
export interface ColumnCodec {
  /** The column type in DDL. */
  sqlType(dialect: Dialect): string;
  /** A validated wire value → the parameter bound for the column. */
  toDb(value: unknown, dialect: Dialect): unknown;
  /** What `read` returns → the wire value. */
  fromDb(value: unknown, dialect: Dialect): unknown;
  /** The SQL expression that reads the column (by default the column itself). */
  read?(column: string, dialect: Dialect): string;
  /** How the value compares in JavaScript when the ORM diffs it: 'string' | 'number' | 'boolean' | 'any'. */
  compareAs: string;
  /**
   * The one wire form of a valid input value (0.1 → "0.10" at scale 2), so an unchanged value sent back in
   * another form (react-admin's number inputs send numbers) is not mistaken for a change.
   */
  canonical?(value: unknown): unknown;
}

const nullSafe =
  (convert: (value: unknown, dialect: Dialect) => unknown) =>
  (value: unknown, dialect: Dialect): unknown =>
    value === null || value === undefined ? null : convert(value, dialect);

export function textCodec(maxLength: number | null): ColumnCodec {
  return {
    sqlType: (dialect) => (dialect === 'postgresql' && maxLength !== null ? `varchar(${maxLength})` : 'text'),
    toDb: nullSafe(String),
    fromDb: nullSafe(String),
    compareAs: 'string',
  };
}

export const integerCodec: ColumnCodec = {
  sqlType: () => 'integer',
  toDb: nullSafe(Number),
  fromDb: nullSafe(Number),
  compareAs: 'number',
};

/**
 * SQLite has no exact decimal type (NUMERIC keeps non-integers as floats), so there a decimal is stored as a
 * scaled INTEGER (12.345 at scale 3 → 12345): exact, sortable, summable in 64 bits, and read as text so no
 * digit passes through a float. PostgreSQL has NUMERIC(p, s).
 */
export function decimalCodec(precision: number, scale: number): ColumnCodec {
  return {
    // On SQLite the declared type names the scale: changing it changes what every stored integer means, so
    // it must show as a retyped column (refused at start) and not pass silently. "int" gives integer affinity.
    sqlType: (dialect) => (dialect === 'postgresql' ? `numeric(${precision},${scale})` : `int_scale_${scale}`),
    toDb: nullSafe((value, dialect) => {
      const parts = parseDecimal(value);
      if (!parts) throw new TypeError(`not a decimal: ${String(value)}`);
      const text = formatDecimal(parts, scale);
      return dialect === 'postgresql' ? text : scaledInteger(text);
    }),
    fromDb: nullSafe((value, dialect) => {
      const text = String(value);
      if (dialect === 'postgresql') return formatDecimal(parseDecimal(text) ?? { negative: false, integer: '', fraction: '' }, scale);
      return unscale(text, scale);
    }),
    read: (column, dialect) => (dialect === 'sqlite' ? `CAST(${column} AS TEXT)` : column),
    compareAs: 'string',
    canonical: (value) => {
      const parts = value === null || value === undefined ? null : parseDecimal(value);
      return parts ? formatDecimal(parts, scale) : value;
    },
  };
}

function scaledInteger(text: string): string {
  const negative = text.startsWith('-');
  const digits = text.replace('-', '').replace('.', '').replace(/^0+(?=\d)/, '');
  return negative && digits !== '0' ? `-${digits}` : digits;
}

function unscale(text: string, scale: number): string {
  const negative = text.startsWith('-');
  const digits = (negative ? text.slice(1) : text).padStart(scale + 1, '0');
  const integer = digits.slice(0, digits.length - scale);
  const fraction = digits.slice(digits.length - scale);
  return `${negative ? '-' : ''}${integer}${scale > 0 ? `.${fraction}` : ''}`;
}

export const booleanCodec: ColumnCodec = {
  sqlType: (dialect) => (dialect === 'postgresql' ? 'boolean' : 'integer'),
  toDb: nullSafe((value, dialect) => (dialect === 'postgresql' ? Boolean(value) : value ? 1 : 0)),
  fromDb: nullSafe((value) => value === true || value === 1 || value === '1' || value === 't'),
  compareAs: 'boolean',
};

export const dateCodec: ColumnCodec = {
  sqlType: (dialect) => (dialect === 'postgresql' ? 'date' : 'text'),
  toDb: nullSafe(String),
  fromDb: nullSafe(String),
  read: (column, dialect) => (dialect === 'postgresql' ? `to_char(${column}, 'YYYY-MM-DD')` : column),
  compareAs: 'string',
};

/** Always UTC with milliseconds, so that on SQLite text order is time order. */
export const datetimeCodec: ColumnCodec = {
  sqlType: (dialect) => (dialect === 'postgresql' ? 'timestamptz(3)' : 'text'),
  toDb: nullSafe((value) => new Date(String(value)).toISOString()),
  fromDb: nullSafe(String),
  canonical: (value) => (typeof value === 'string' && !Number.isNaN(Date.parse(value)) ? new Date(value).toISOString() : value),
  read: (column, dialect) =>
    dialect === 'postgresql' ? `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')` : column,
  compareAs: 'string',
};

export const jsonCodec: ColumnCodec = {
  sqlType: (dialect) => (dialect === 'postgresql' ? 'jsonb' : 'text'),
  toDb: (value) => (value === undefined || value === null ? null : JSON.stringify(value)),
  // PostgreSQL hands jsonb back parsed (a JSON string value arrives as a JS string); SQLite as text.
  fromDb: nullSafe((value, dialect) => (dialect === 'sqlite' && typeof value === 'string' ? JSON.parse(value) : value)),
  compareAs: 'any',
};
