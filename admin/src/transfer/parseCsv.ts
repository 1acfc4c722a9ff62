import Papa from 'papaparse';

/** A CSV file as the import reads it: the header row and the data rows, every cell a string. */
export interface CsvTable {
  /** The header row, trimmed; an empty header cell stays '' (the column is shown by its position). */
  headers: string[];
  /** The data rows without the header; empty lines are left out. */
  rows: string[][];
  delimiter: ',' | ';';
}

/** The file cannot be read as CSV (unterminated quotes, no header row); `key` is the message to show. */
export class CsvError extends Error {
  constructor(
    readonly key: string,
    readonly args: Record<string, unknown> = {},
  ) {
    super(key);
  }
}

/**
 * UTF-8 (a BOM is dropped). A file that is not valid UTF-8 is most likely what a German Excel saves as
 * "CSV (Trennzeichen-getrennt)": Windows-1252, read as such so umlauts survive.
 */
export function decodeCsv(bytes: ArrayBuffer): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.replace(/^\uFEFF/, '');
}

/**
 * `;` or `,`: whichever separates more cells of the header line (outside quotes). Headers rarely contain
 * either, while the data may well hold decimal commas ("1.234,56"), which would mislead a guess over the rows.
 */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const c of text) {
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas += 1;
    else if (!quoted && c === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

export function parseCsvText(text: string): CsvTable {
  const clean = text.replace(/^\uFEFF/, '');
  const delimiter = detectDelimiter(clean);
  const result = Papa.parse<string[]>(clean, { delimiter, header: false, skipEmptyLines: 'greedy', dynamicTyping: false });
  const fatal = result.errors.find((error) => error.type === 'Quotes');
  // Papa counts records from 0, the header included: record n starts on line n + 1 unless a cell spans lines.
  if (fatal) throw new CsvError('kontor.import.unclosed_quote', { line: (fatal.row ?? 0) + 1 });
  const [header, ...rows] = result.data;
  if (!header || header.every((cell) => cell.trim() === '')) throw new CsvError('kontor.import.no_header');
  return { headers: header.map((cell) => cell.trim()), rows, delimiter };
}

export async function readCsvFile(file: Blob): Promise<CsvTable> {
  return parseCsvText(decodeCsv(await file.arrayBuffer()));
}
