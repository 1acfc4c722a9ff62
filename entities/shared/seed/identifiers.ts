import type { SeedRandom } from '../../../generators/model/seed-recipe.ts';

/**
 * Identifiers that pass the checks real systems run on them: German VAT IDs and tax IDs with their check
 * digit (ISO 7064 MOD 11,10), IBANs with valid MOD 97 check digits. The numbers are random, so they belong
 * to nobody.
 */

/** ISO 7064 MOD 11,10 over a string of digits: the check digit German VAT IDs and tax IDs end with. */
function mod1110(digits: string): number {
  let product = 10;
  for (const char of digits) {
    let sum = (Number(char) + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return check === 10 ? 0 : check;
}

function digits(random: SeedRandom, count: number, first = 0): string {
  let text = String(random.int(Math.max(first, 0), 9));
  while (text.length < count) text += String(random.int(0, 9));
  return text;
}

/** `DE` and nine digits, the last a check digit. */
export function germanVatId(random: SeedRandom): string {
  return germanVatIdOf(digits(random, 8, 1));
}

/** The German VAT ID of eight given digits (the first not 0): `DE`, the digits, the check digit. */
export function germanVatIdOf(body: string): string {
  return `DE${body}${mod1110(body)}`;
}

/** A VAT ID of another EU country in its usual form (NL: 9 digits + B01, PL: 10 digits, DK: 8 digits). */
export function foreignVatId(random: SeedRandom, country: string): string {
  if (country === 'NL') return `NL${digits(random, 9, 1)}B01`;
  if (country === 'PL') return `PL${digits(random, 10, 1)}`;
  if (country === 'DK') return `DK${digits(random, 8, 1)}`;
  return `${country}${digits(random, 9, 1)}`;
}

/** A German tax ID (Steuer-IdNr.): 10 digits without a leading 0, one digit twice and one missing, and the check digit. */
export function germanTaxId(random: SeedRandom): string {
  for (;;) {
    const pool = random.shuffle(['0', '1', '2', '3', '4', '5', '6', '7', '8', '9']).slice(0, 9);
    const twice = random.pick(pool);
    const body = random.shuffle([...pool, twice]).join('');
    if (body.startsWith('0')) continue;
    return `${body}${mod1110(body)}`;
  }
}

/** IBAN check digits: 98 − (BBAN + country as digits + "00") mod 97. */
function ibanCheck(country: string, bban: string): string {
  const letters = (text: string) => [...text].map((c) => (/[A-Z]/.test(c) ? String(c.charCodeAt(0) - 55) : c)).join('');
  const remainder = BigInt(letters(`${bban}${country}00`)) % 97n;
  return String(98n - remainder).padStart(2, '0');
}

/** A German IBAN at the bank with this BLZ: DE, check digits, BLZ, a 10-digit account number. */
export function germanIban(random: SeedRandom, blz: string): string {
  const bban = `${blz}${digits(random, 10, 1)}`;
  return `DE${ibanCheck('DE', bban)}${bban}`;
}

/** A Dutch IBAN (bank code of four letters, 10-digit account). */
export function dutchIban(random: SeedRandom, bank: string): string {
  const bban = `${bank}${digits(random, 10, 1)}`;
  return `NL${ibanCheck('NL', bban)}${bban}`;
}

/** A plate as German registration districts issue them, e.g. `UE-KL 482`. */
export function germanPlate(random: SeedRandom, district: string): string {
  const letters = 'ABCDEFGHIKLMNOPRSTUVWXYZ';
  const pair = `${letters[random.int(0, letters.length - 1)]}${random.chance(0.7) ? letters[random.int(0, letters.length - 1)] : ''}`;
  return `${district}-${pair} ${random.int(10, 9999)}`;
}

/** A vehicle registered where the partner is: a German plate of its district, or the usual form of NL, PL and DK. */
export function vehiclePlate(random: SeedRandom, home: { country: string; plate: string }): string {
  if (home.country === 'NL') return `${random.int(10, 99)}-BX${random.int(1, 9)}-${random.int(10, 99)}`;
  if (home.country === 'PL') return `${home.plate} ${random.int(10000, 99999)}`;
  if (home.country === 'DK') return `${String.fromCharCode(65 + random.int(0, 25))}${String.fromCharCode(65 + random.int(0, 25))} ${random.int(10, 99)} ${random.int(100, 999)}`;
  return germanPlate(random, home.plate);
}
