/**
 * IBANs (ISO 13616) as the `iban` field type keeps them: compact and uppercase on the wire
 * (`DE89370400440532013000`), grouped in blocks of four for people (`DE89 3704 0044 0532 0130 00`).
 */

/** What someone typed or pasted → the wire form: no spaces, uppercase; other characters are left for the check. */
export function compactIban(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}

/** The wire form → blocks of four, as printed on a bank statement. */
export function groupIban(value: string): string {
  return compactIban(value).replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * ISO 7064 mod 97-10 over the IBAN with its first four characters moved to the end and letters as 10..35:
 * a valid IBAN leaves 1. Digit by digit in chunks, so the 30-odd digits never need a BigInt.
 */
export function ibanRemainder(compact: string): number {
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  let remainder = 0;
  for (const character of rearranged) {
    const code = character.charCodeAt(0);
    const digits = code >= 65 && code <= 90 ? String(code - 55) : character;
    remainder = Number(`${remainder}${digits}`) % 97;
  }
  return remainder;
}

export type IbanProblem = { key: 'format' } | { key: 'country'; countries: string[] } | { key: 'checksum' };

/**
 * Why a compact value is not an IBAN the field accepts, or null: two country letters, two check digits and
 * 11 to 30 letters or digits; a country of the field's list where it has one; check digits that fit.
 */
export function ibanProblem(compact: string, countries: readonly string[] | null = null): IbanProblem | null {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(compact)) return { key: 'format' };
  if (countries && countries.length > 0 && !countries.includes(compact.slice(0, 2))) return { key: 'country', countries: [...countries] };
  return ibanRemainder(compact) === 1 ? null : { key: 'checksum' };
}
